/** Each kind's provider as the engine loads it (the module's exports), for tests that call providers directly. */
import type { KindProvider } from "../provider/providers/provider";
import rootSessions from "../provider/providers/RootSessions";
import rootCredentialsManagement from "../provider/providers/RootCredentialsManagement";
import organizationsFeatures from "../provider/providers/OrganizationsFeatures";
import iamTrustedAccess from "../provider/providers/IamTrustedAccess";
import iamDelegatedAdministrator from "../provider/providers/IamDelegatedAdministrator";
import memberRootCredentials from "../provider/providers/MemberRootCredentials";

export const PROVIDERS = {
  RootSessions: rootSessions,
  RootCredentialsManagement: rootCredentialsManagement,
  OrganizationsFeatures: organizationsFeatures,
  IamTrustedAccess: iamTrustedAccess,
  IamDelegatedAdministrator: iamDelegatedAdministrator,
  MemberRootCredentials: memberRootCredentials,
} satisfies Record<string, KindProvider>;

/** Every resource kind of the package that has a provider. */
export type ResourceKind = keyof typeof PROVIDERS;

/** The provider of a kind, with every method present (each kind implements them all). */
export function providerFor(kind: ResourceKind): KindProvider {
  return PROVIDERS[kind];
}
