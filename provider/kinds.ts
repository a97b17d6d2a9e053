/**
 * The three feature resources differ only in which features they own; everything else is shared.
 */
import { FeatureType } from "@aws-sdk/client-iam";
import type { FeatureName } from "./features";

export interface KindSpec {
  /** The single feature a resource manages, or undefined when `enabledFeatures` says (OrganizationsFeatures). */
  fixed?: FeatureName;
}

export const KINDS = {
  RootSessions: { fixed: FeatureType.ROOT_SESSIONS },
  RootCredentialsManagement: { fixed: FeatureType.ROOT_CREDENTIALS_MANAGEMENT },
  OrganizationsFeatures: {},
} as const satisfies Record<string, KindSpec>;

export type KindName = keyof typeof KINDS;

/** Type token module shared by every resource of the package: `pulumi-nodejs:aws-root-access:<Kind>`. */
export const TYPE_MODULE = "aws-root-access";
