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
import * as support from "./lifecycleSupport";
import * as aws from "./aws";
import * as errors from "./errors";
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

/**
 * The dynamic-provider host logs every error it passes on as `${error}: ${error.stack}`, on top of the engine
 * showing it; errors prepared by `forEngine` are recognised in that line and left out, so each prints once.
 */
function quietEngineLog(): void {
  const holder = console as unknown as { error: (...args: unknown[]) => void; __rootAccessQuiet?: boolean };
  if (holder.__rootAccessQuiet) return;
  const original = holder.error.bind(console);
  holder.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith(errors.ENGINE_LOGGED_MARK)) return;
    original(...args);
  };
  holder.__rootAccessQuiet = true;
}

async function reported<T>(fn: () => Promise<T>): Promise<T> {
  quietEngineLog();
  try {
    return await fn();
  } catch (e) {
    throw errors.forEngine(e);
  }
}

export function dynamicProviderFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Mutated, never reassigned: a serialized closure gives each method its own copy of a reassigned variable.
  const stack: support.StackSettings = {};
  const connect = (props: Props, origin: support.SettingsOrigin): aws.RootAccessApi =>
    aws.createRootAccessApi(support.settingsFor(stack, props, origin));
  const impl = (): Lifecycle =>
    kind === "IamTrustedAccess"
      ? prerequisites.trustedAccess
      : kind === "IamDelegatedAdministrator"
        ? prerequisites.delegatedAdministrator
        : (lifecycle as Lifecycle);
  return {
    configure: async (req) => {
      Object.assign(stack, support.readStackSettings(req.config));
    },
    check: (olds, news) => reported(() => support.check(kind, olds, news)),
    diff: (id, olds, news) => reported(() => impl().diff(connect(news, "inputs"), kind, id, olds, news)),
    create: (inputs) => reported(() => impl().create(connect(inputs, "inputs"), kind, inputs)),
    read: (id, props) => reported(() => impl().read(connect(props ?? {}, "state"), kind, id, props ?? {})),
    update: (id, olds, news) => reported(() => impl().update(connect(news, "inputs"), kind, id, olds, news)),
    delete: (id, props) => reported(() => impl().remove(connect(props, "state"), kind, id, props)),
  };
}
