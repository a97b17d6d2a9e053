/**
 * How a component declares its children. In a TypeScript program they are this package's dynamic resources; when
 * the native provider constructs a component for another language (`construct`), they are the native provider's
 * own resources. The component's logic is the same either way.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SettingsLayer } from "../aws";
import { IamDelegatedAdministrator } from "./iamDelegatedAdministrator";
import { IamTrustedAccess } from "./iamTrustedAccess";
import { MemberRootCredentials } from "./memberRootCredentials";
import { OrganizationsFeatures } from "./organizationsFeatures";

const DYNAMIC = { IamTrustedAccess, IamDelegatedAdministrator, OrganizationsFeatures, MemberRootCredentials };

/** The kinds a component declares. */
export type ChildKind = keyof typeof DYNAMIC;

export interface ChildResources {
  /** Declares one child; the result has the kind's outputs, as the TypeScript class does. */
  declare<K extends ChildKind>(
    kind: K,
    name: string,
    args: ConstructorParameters<(typeof DYNAMIC)[K]>[1],
    opts: pulumi.CustomResourceOptions,
  ): InstanceType<(typeof DYNAMIC)[K]>;
  /** Where children call AWS from, after their own inputs (the native provider's configuration); the stack's last. */
  readonly layers: readonly SettingsLayer[];
}

const DYNAMIC_CHILDREN: ChildResources = {
  declare: (kind, name, args, opts) => new DYNAMIC[kind](name, args as never, opts) as never,
  layers: [],
};

let current: ChildResources = DYNAMIC_CHILDREN;

/** The children a component being constructed now declares (read once, in its constructor). */
export function currentChildren(): ChildResources {
  return current;
}

/** Constructs a component whose children are `children` (the component's constructor reads them synchronously). */
export function withChildren<T>(children: ChildResources, construct: () => T): T {
  const previous = current;
  current = children;
  try {
    return construct();
  } finally {
    current = previous;
  }
}
