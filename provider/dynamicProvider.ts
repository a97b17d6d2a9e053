/**
 * The object Pulumi serializes into state as each resource's `__provider`.
 *
 * Its methods only delegate to modules of this package. When the package is installed in node_modules, Pulumi
 * captures those modules as `require(...)` rather than copying their code, which keeps `__provider` small and
 * lets a package upgrade change behaviour without touching state. It captures no client and no credential:
 * the AWS adapter is built inside each call.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as lifecycle from "./lifecycle";
import * as aws from "./aws";
import type { KindName } from "./kinds";

export function dynamicProviderFor(kind: KindName): pulumi.dynamic.ResourceProvider {
  // Mutated, never reassigned: a serialized closure gives each method its own copy of a reassigned variable.
  const stack: lifecycle.StackSettings = {};
  const connect = (props: Record<string, unknown>): aws.RootAccessApi =>
    aws.createRootAccessApi(lifecycle.settingsFor(stack, props));
  return {
    configure: async (req) => {
      Object.assign(stack, lifecycle.readStackSettings(req.config));
    },
    check: (olds, news) => lifecycle.check(kind, olds, news),
    diff: (id, olds, news) => lifecycle.diff(connect(news), kind, id, olds, news),
    create: (inputs) => lifecycle.create(connect(inputs), kind, inputs),
    read: (id, props) => lifecycle.read(connect(props ?? {}), kind, id, props ?? {}),
    update: (id, olds, news) => lifecycle.update(connect(news), kind, id, olds, news),
    delete: (id, props) => lifecycle.remove(connect(props), kind, id, props),
  };
}
