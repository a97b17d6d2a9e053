import type * as pulumi from "@pulumi/pulumi";
import rootSessions from "./providers/RootSessions";
import rootCredentialsManagement from "./providers/RootCredentialsManagement";
import organizationsFeatures from "./providers/OrganizationsFeatures";
import iamTrustedAccess from "./providers/IamTrustedAccess";
import iamDelegatedAdministrator from "./providers/IamDelegatedAdministrator";
import type { ResourceKind } from "./kinds";

/** Each kind's serialized provider: a module's exports, so an installed package is captured as one require(). */
export const PROVIDERS: Record<ResourceKind, pulumi.dynamic.ResourceProvider> = {
  RootSessions: rootSessions,
  RootCredentialsManagement: rootCredentialsManagement,
  OrganizationsFeatures: organizationsFeatures,
  IamTrustedAccess: iamTrustedAccess,
  IamDelegatedAdministrator: iamDelegatedAdministrator,
};
