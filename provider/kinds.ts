/**
 * The three feature resources differ only in which features they own; everything else is shared.
 */
import type { FeatureName } from "./features";

export interface KindSpec {
  /** The single feature a resource manages, or undefined when `enabledFeatures` says (OrganizationsFeatures). */
  fixed?: FeatureName;
}

export const KINDS = {
  RootSessions: { fixed: "RootSessions" },
  RootCredentialsManagement: { fixed: "RootCredentialsManagement" },
  OrganizationsFeatures: {},
} as const satisfies Record<string, KindSpec>;

/** The feature resources. */
export type KindName = keyof typeof KINDS;

/** Every resource of the package: the feature resources and the two prerequisites. */
export type ResourceKind = KindName | "IamTrustedAccess" | "IamDelegatedAdministrator";

/** Type token module shared by every resource of the package: `pulumi-nodejs:aws-root-access:<Kind>`. */
export const TYPE_MODULE = "aws-root-access";

/** The service principal whose trusted access and delegated administrator centralized root access relies on. */
export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";
