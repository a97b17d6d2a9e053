import * as pulumi from "@pulumi/pulumi";
import { conflictFor, declareInProgram } from "../core/programGuard";
import { TARGET_KEYS } from "../core/target";
import type { Declaration } from "../core/programGuard";
import type { FeatureName } from "../core/features";
import { PREVIEWING } from "../core/validate";
import { forProgram } from "../errors";

/** The module of every type token of the package: `pulumi-nodejs:dynamic/aws-root-access:<Kind>`. */
const TYPE_MODULE = "aws-root-access";

/**
 * What every resource of the package does at program time: checks that no other resource of the program manages
 * the same items for the same target, then registers itself with the serialized provider of its kind.
 */
export abstract class RootAccessResource extends pulumi.dynamic.Resource {
  /**
   * @param provider the kind's serialized provider: a module's exports, so an installed package is captured as one require()
   * @param items what the resource manages, for the program-time guard
   */
  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    kind: string,
    name: string,
    items: readonly string[],
    args: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    // The engine's own `import` cannot reach a dynamic provider (pulumi/pulumi#16175), so the package carries it
    // out itself: create then adopts the live state and refuses to change anything.
    const { import: importId, ...rest } = opts ?? {};
    const inputs = {
      ...args,
      ...(importId === undefined ? {} : { importId }),
      // Only the program knows it is a preview; the provider's check plans a create then (and strips the marker).
      ...(pulumi.runtime.isDryRun() ? { [PREVIEWING]: true } : {}),
    };
    const props = rest.id === undefined ? guarded(kind, name, items, inputs) : inputs;
    // Pulumi's registration records a stack trace on each of the four promises of every property, and its Node
    // runtime maps each frame through source maps: that was 40% of a program's CPU for 300 accounts. Those traces
    // only serve its promise-leak debugging; the resource's source position is still recorded (Pulumi takes it
    // with its own, unlimited, stack trace).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(provider, name, props, rest, TYPE_MODULE, kind);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /**
   * Reads an existing organization's state without managing it: the resource is never created, changed or deleted.
   * @example const current = RootSessions.get("current", "o-a1b2c3d4e5");
   */
  static get<T>(
    this: new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => T,
    name: string,
    organizationId: pulumi.Input<string>,
    opts?: pulumi.CustomResourceOptions,
  ): T {
    return new this(name, {} as never, { ...opts, id: organizationId });
  }
}

/**
 * Runs the program-time guard. A resource whose items another resource of the program already manages fails in its
 * constructor. The earlier resource learns of the conflict only later, so its registration waits until the program's
 * synchronous declarations are done (and its settings are known), and fails then: neither reaches the engine.
 */
function guarded(kind: string, name: string, items: readonly string[], args: pulumi.Inputs): pulumi.Inputs {
  // Values by position in TARGET_KEYS; only the plain strings are part of the target.
  const toDeclaration = (values: unknown[]): Declaration => {
    const target: Declaration["target"] = {};
    TARGET_KEYS.forEach((key, i) => {
      const v = values[i];
      if (typeof v === "string") target[key] = v;
    });
    return { kind, name, items, target };
  };
  const settings = TARGET_KEYS.map((key) => args[key]);
  const plain = settings.every((v) => v === undefined || v === null || typeof v === "string");
  if (plain) declareInProgram(toDeclaration(settings));
  const afterDeclarations = new Promise<void>((resolve) => setImmediate(resolve));
  return {
    ...args,
    organizationId: pulumi.all([afterDeclarations, ...settings]).apply(([, ...resolved]) => {
      if (!plain) declareInProgram(toDeclaration(resolved));
      const conflict = conflictFor(toDeclaration(resolved));
      if (conflict) throw forProgram(conflict);
      return resolved[0] as string | undefined;
    }),
  };
}

/**
 * What the three feature resources share: a dynamic resource whose ID is the organization ID and whose outputs
 * report the live state. Changing any input updates in place; these org-wide singletons are never replaced.
 */
export abstract class FeatureResource extends RootAccessResource {
  /** The organization the feature belongs to, as IAM reports it. */
  declare public readonly organizationId: pulumi.Output<string>;
  /**
   * The features this resource manages that are enabled in the organization, as IAM last reported them (sorted).
   * After `pulumi refresh` it shows the live state, drift included.
   */
  declare public readonly enabledFeatures: pulumi.Output<FeatureName[]>;

  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    kind: string,
    name: string,
    items: readonly string[],
    args: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(provider, kind, name, items, { organizationId: undefined, enabledFeatures: undefined, ...args }, opts);
  }
}
