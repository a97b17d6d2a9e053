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
    return { urn: c.urn, state: { accountIds: c.accountIds } };
  }
  throw new Error(`${PACKAGE} has no component ${type}`);
}
