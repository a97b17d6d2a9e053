/**
 * The components through the native provider (`construct`): the same component classes a TypeScript program uses,
 * declaring the native provider's own resources as their children, so every language gets the same component.
 */
import * as pulumi from "@pulumi/pulumi";
import type { SettingsLayer } from "../aws";
import { CentralizedRootAccess } from "../resources/centralizedRootAccess";
import { OrganizationRootCredentials } from "../resources/organizationRootCredentials";
import { withChildren } from "../resources/children";
import type { ChildResources } from "../resources/children";
import { PACKAGE, tokenOf } from "./tokens";

/** A resource of this provider declared by a component. */
class NativeChild extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

/**
 * @param outputs the output properties of a kind (from the schema): declared so the child has them as outputs
 * @param layers where children call AWS from after their own inputs (the provider's configuration)
 */
function nativeChildren(outputs: (kind: string) => readonly string[], layers: readonly SettingsLayer[]): ChildResources {
  return {
    declare: (kind, name, args, opts) => {
      const declared = Object.fromEntries(outputs(kind).map((p) => [p, undefined]));
      return new NativeChild(tokenOf(kind), name, { ...declared, ...(args as pulumi.Inputs) }, opts) as never;
    },
    layers,
  };
}

/**
 * Errors a construct already returned to the engine. The same error also rejects the component's registered
 * outputs, which nobody awaits, and the framework logs every unhandled rejection: see `serve`.
 */
export const REPORTED = new WeakSet<object>();

/** Waits for an output's value (the SDK's runtime exposes its promise), throwing what it failed with. */
async function settled(output: pulumi.Output<unknown>): Promise<void> {
  await (output as unknown as { promise(): Promise<unknown> }).promise();
}

export async function construct(
  name: string,
  type: string,
  inputs: pulumi.Inputs,
  options: pulumi.ComponentResourceOptions,
  outputs: (kind: string) => readonly string[],
  layers: readonly SettingsLayer[],
): Promise<pulumi.provider.ConstructResult> {
  const children = nativeChildren(outputs, layers);
  if (type === tokenOf("CentralizedRootAccess")) {
    const c = withChildren(children, () => new CentralizedRootAccess(name, inputs, options));
    return { urn: c.urn, state: { organizationId: c.organizationId, enabledFeatures: c.enabledFeatures } };
  }
  if (type === tokenOf("OrganizationRootCredentials")) {
    const c = withChildren(children, () => new OrganizationRootCredentials(name, inputs, options));
    // The accounts are listed at construct time; a failure there is the construct's error, said once (as state, it
    // would be reported again as an output that could not be serialized).
    await settled(c.accountIds).catch((e: unknown) => {
      if (typeof e === "object" && e !== null) REPORTED.add(e);
      throw e;
    });
    return { urn: c.urn, state: { accountIds: c.accountIds } };
  }
  throw new Error(`${PACKAGE} has no component ${type}`);
}
