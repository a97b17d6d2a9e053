/**
 * How a resource kind's lifecycle becomes the dynamic `ResourceProvider` Pulumi serializes into state as
 * `__provider`: connection settings from the program, the state and the stack config; the AWS adapter built inside
 * each call (so no client and no credential is ever captured); validation of the kind's properties; and errors
 * prepared for the engine.
 *
 * Each kind's module exports its provider object, so an installed package is captured as one `require(...)` of
 * `dist/providers/<Kind>.js`: small, and a package upgrade changes behaviour without touching state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createAwsApi, readStackSettings, resolveConnection, stackLayer } from "../aws";
import type { AwsApi, ConnectionSettings, SettingsLayer } from "../aws";
import { CONNECTION_KEYS } from "../core/target";
import type { ConnectionValues } from "../core/target";
import { ENGINE_LOGGED_MARK, InvalidArgumentsError, forEngine } from "../errors";
import {
  ACCOUNT_ID_PATTERN,
  ORGANIZATION_ID_PATTERN,
  UNKNOWN,
  containsUnknown,
  hasCheck,
  show,
  splitPreviewing,
  validateInputs,
  validateConfigSettings,
} from "../core/validate";
import type { CheckFailure, CrossCheck } from "../core/validate";

export type Props = Record<string, unknown>;

/** Messages for the user; the engine shows a dynamic provider's stdout as info diagnostics. */
export type Reporter = (message: string) => void;
export const toStdout: Reporter = (message) => {
  process.stdout.write(`${message}\n`);
};

/** How a property will change: the kinds of change Pulumi's property-level diff shows. */
export type PropertyChange = "add" | "delete" | "update";

/**
 * A diff, and where live state drifted from the declaration, by property path (`enabledFeatures[1]`, `accessKeys`).
 * The native face shows the drift as property-level changes; the dynamic host cannot, and prints the message.
 */
export interface KindDiff extends pulumi.dynamic.DiffResult {
  drift?: Record<string, PropertyChange>;
}

/** What one resource kind does, given an AWS adapter and a reporter; the provider around it does the rest. */
export interface Lifecycle {
  /**
   * The preview of a create: the engine calls only `check` for a new resource, so this makes the read-only calls
   * the create depends on, fails with the error the create would give, and says what the create will change.
   */
  planCreate?(api: AwsApi, inputs: Props, report: Reporter): Promise<void>;
  diff(api: AwsApi, id: string, olds: Props, news: Props, report: Reporter): Promise<KindDiff>;
  create(api: AwsApi, inputs: Props, report: Reporter): Promise<pulumi.dynamic.CreateResult>;
  read(api: AwsApi, id: string, props: Props, report: Reporter): Promise<pulumi.dynamic.ReadResult>;
  update(api: AwsApi, id: string, olds: Props, news: Props, report: Reporter): Promise<pulumi.dynamic.UpdateResult>;
  delete(api: AwsApi, id: string, props: Props, report: Reporter): Promise<void>;
  /**
   * For `pulumi import`: the inputs that declare the resource exactly as `read` found it, where copying the outputs'
   * input properties would not (root credentials: keep removed only what is absent).
   */
  asDeclared?(outs: Props): Props;
}

/** The connection settings a resource declares or recorded; nothing else. */
export function connectionOf(props: Props): ConnectionSettings {
  const out: ConnectionSettings = {};
  for (const key of CONNECTION_KEYS) {
    const v = props[key];
    if (typeof v === "string" && v !== UNKNOWN) out[key] = v;
  }
  return out;
}

/** Whether the settings come from the program (create, diff, update) or from the state (read, delete). */
export type SettingsOrigin = "inputs" | "state";

/** A resource's own settings, named for messages by where they were read. */
export function resourceLayer(props: Props, origin: SettingsOrigin): SettingsLayer {
  return {
    values: connectionOf(props),
    source: (key) =>
      origin === "inputs" ? `the resource's \`${key}\` input` : "the resource's state, recorded at the last update",
  };
}

/** The resource's own settings win over the stack's; anything unset is left to the AWS SDK's chain. */
export function settingsFor(stack: ConnectionValues, props: Props, origin: SettingsOrigin): ConnectionSettings {
  return resolveConnection([resourceLayer(props, origin), stackLayer(stack)]);
}

/** `profile "old" → "new"`, or undefined when the connection settings are the same. */
export function describeConnectionChange(olds: Props, news: Props): string | undefined {
  const before = connectionOf(olds);
  const after = connectionOf(news);
  const shown = (v: string | undefined): string => (v === undefined ? "unset" : `"${v}"`);
  const changes = CONNECTION_KEYS.filter((k) => before[k] !== after[k]).map(
    (k) => `${k} ${shown(before[k])} → ${shown(after[k])}`,
  );
  return changes.length > 0 ? changes.join(", ") : undefined;
}

/** The diagnostic for a change of connection settings alone, which every kind records the same way. */
export function connectionChangeNote(kind: string, change: string): string {
  return `${kind}: connection settings changed (${change}); the update records them and changes nothing in AWS.`;
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
    if (typeof args[0] === "string" && args[0].startsWith(ENGINE_LOGGED_MARK)) return;
    original(...args);
  };
  holder.__rootAccessQuiet = true;
}

async function reported<T>(fn: () => Promise<T>): Promise<T> {
  quietEngineLog();
  try {
    return await fn();
  } catch (e) {
    throw forEngine(e);
  }
}

/** A kind's dynamic provider, carrying what it was made of so tests can drive the lifecycle with a fake AWS. */
export interface KindProvider extends Required<
  Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">
> {
  readonly kind: string;
  readonly properties: readonly string[];
  readonly lifecycle: Lifecycle;
  readonly crossChecks: readonly CrossCheck[];
}

/**
 * Every kind is keyed by an organization ID or an account ID. The ID can come from the `import` option or an edited
 * state without passing `check`, so its shape is checked before it reaches AWS or a message.
 */
function checkedId(kind: string, id: string): string {
  if (ORGANIZATION_ID_PATTERN.test(id) || ACCOUNT_ID_PATTERN.test(id)) return id;
  throw new InvalidArgumentsError(kind, [
    `the resource ID must be an organization ID (o-…) or a 12-digit account ID, got ${show(id)}`,
  ]);
}

/**
 * The provider of one kind.
 * @param properties every property the kind takes, validated in `check` before any AWS call
 */
export function makeProvider(
  kind: string,
  properties: readonly string[],
  lifecycle: Lifecycle,
  crossChecks: readonly CrossCheck[] = [],
): KindProvider {
  // A property with no check would pass `check` unchecked: refused when the kind's module loads.
  const unchecked = properties.find((p) => !hasCheck(p));
  if (unchecked !== undefined) {
    throw new Error(`${kind} declares property "${unchecked}", which has no check in core/validate.ts: add a row to CHECKS`);
  }
  // Mutated, never reassigned: a serialized closure gives each method its own copy of a reassigned variable.
  const stack: ConnectionValues = {};
  const calls = kindCalls(
    { kind, properties, lifecycle, crossChecks },
    { connect: (props, origin) => createAwsApi(settingsFor(stack, props, origin)), report: toStdout },
  );
  return {
    kind,
    properties,
    lifecycle,
    crossChecks,
    configure: (req) =>
      reported(async () => {
        const settings = readStackSettings(req.config);
        const problems = validateConfigSettings("aws", settings);
        if (problems.length > 0)
          throw new InvalidArgumentsError(
            "the stack configuration",
            problems.map((p) => p.reason),
          );
        Object.assign(stack, settings);
      }),
    check: (olds, news) =>
      reported(async () => {
        const { previewing, inputs } = splitPreviewing(news);
        const failures = calls.check(inputs);
        // A preview shows a create through check alone (no old inputs), so the create's reads run here then. Not in
        // an up: a check that fails stops the whole deployment, where a create that fails stops only itself.
        const creating = Object.keys(olds ?? {}).length === 0;
        if (previewing && creating && failures.length === 0) await calls.plan(inputs);
        return { inputs, failures };
      }),
    diff: (id, olds, news) => reported(() => calls.diff(id, olds, news)),
    create: (inputs) => reported(() => calls.create(inputs)),
    read: (id, props) => reported(() => calls.read(id, props ?? {})),
    update: (id, olds, news) => reported(() => calls.update(id, olds, news)),
    delete: (id, props) => reported(() => calls.delete(id, props)),
  };
}

/** What a face gives a kind's calls: how to reach AWS with a resource's settings, and where its messages go. */
export interface Face {
  connect(props: Props, origin: SettingsOrigin): AwsApi;
  report: Reporter;
}

/** What a kind is made of, as both faces read it. */
export type KindParts = Pick<KindProvider, "kind" | "properties" | "lifecycle" | "crossChecks">;

/**
 * One kind's calls, the same for both faces: inputs checked before any AWS call, IDs checked before they reach AWS
 * or a message, then the lifecycle.
 */
export function kindCalls({ kind, properties, lifecycle, crossChecks }: KindParts, face: Face) {
  const { connect, report } = face;
  return {
    check: (inputs: Props): CheckFailure[] => validateInputs(kind, properties, inputs, crossChecks),
    /** The reads and errors of a create, and what it will change, for a preview; nothing while an input is unknown. */
    plan: async (inputs: Props): Promise<void> => {
      if (lifecycle.planCreate && !containsUnknown(inputs)) await lifecycle.planCreate(connect(inputs, "inputs"), inputs, report);
    },
    diff: (id: string, olds: Props, news: Props) =>
      lifecycle.diff(connect(news, "inputs"), checkedId(kind, id), olds, news, report),
    create: (inputs: Props) => lifecycle.create(connect(inputs, "inputs"), inputs, report),
    read: (id: string, props: Props) => lifecycle.read(connect(props, "state"), checkedId(kind, id), props, report),
    update: (id: string, olds: Props, news: Props) =>
      lifecycle.update(connect(news, "inputs"), checkedId(kind, id), olds, news, report),
    delete: (id: string, props: Props) => lifecycle.delete(connect(props, "state"), checkedId(kind, id), props, report),
  };
}
