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
import * as prerequisites from "./prerequisiteLifecycles";
import * as aws from "./aws";
import type { ResourceKind } from "./kinds";

type Props = Record<string, unknown>;

/** What each resource kind implements; method syntax, so each kind may narrow `kind`. */
interface Lifecycle {
  diff(api: aws.RootAccessApi, kind: ResourceKind, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
  create(api: aws.RootAccessApi, kind: ResourceKind, inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(api: aws.RootAccessApi, kind: ResourceKind, id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
  update(api: aws.RootAccessApi, kind: ResourceKind, id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  remove(api: aws.RootAccessApi, kind: ResourceKind, id: string, props: Props): Promise<void>;
}

export function dynamicProviderFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Mutated, never reassigned: a serialized closure gives each method its own copy of a reassigned variable.
  const stack: lifecycle.StackSettings = {};
  const connect = (props: Props): aws.RootAccessApi => aws.createRootAccessApi(lifecycle.settingsFor(stack, props));
  const impl = (): Lifecycle =>
    kind === "IamTrustedAccess"
      ? prerequisites.trustedAccess
      : kind === "IamDelegatedAdministrator"
        ? prerequisites.delegatedAdministrator
        : (lifecycle as Lifecycle);
  return {
    configure: async (req) => {
      Object.assign(stack, lifecycle.readStackSettings(req.config));
    },
    check: (olds, news) => lifecycle.check(kind, olds, news),
    diff: (id, olds, news) => impl().diff(connect(news), kind, id, olds, news),
    create: (inputs) => impl().create(connect(inputs), kind, inputs),
    read: (id, props) => impl().read(connect(props ?? {}), kind, id, props ?? {}),
    update: (id, olds, news) => impl().update(connect(news), kind, id, olds, news),
    delete: (id, props) => impl().remove(connect(props), kind, id, props),
  };
}
