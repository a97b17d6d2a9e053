/** Every custom kind's provider, by kind: what the dynamic resources register and the native plugin serves. */
import type { KindProvider } from "./provider";
import rootSessions from "./RootSessions";
import rootCredentialsManagement from "./RootCredentialsManagement";
import organizationsFeatures from "./OrganizationsFeatures";
import iamTrustedAccess from "./IamTrustedAccess";
import iamDelegatedAdministrator from "./IamDelegatedAdministrator";
import memberRootCredentials from "./MemberRootCredentials";

export const KIND_PROVIDERS = {
  OrganizationsFeatures: organizationsFeatures,
  RootSessions: rootSessions,
  RootCredentialsManagement: rootCredentialsManagement,
  IamTrustedAccess: iamTrustedAccess,
  IamDelegatedAdministrator: iamDelegatedAdministrator,
  MemberRootCredentials: memberRootCredentials,
} satisfies Record<string, KindProvider>;

/** Every resource kind of the package that has a provider. */
export type ResourceKind = keyof typeof KIND_PROVIDERS;

export function isResourceKind(name: string): name is ResourceKind {
  return Object.hasOwn(KIND_PROVIDERS, name);
}
