/**
 * The complete surface the package needs from AWS, one interface per service. Lifecycles depend on this alone;
 * `createAwsApi` builds it over the AWS SDK, and tests substitute a fake.
 */
import type { FeatureName } from "../core/features";

export interface FeatureState {
  organizationId: string;
  /** Sorted. */
  enabledFeatures: FeatureName[];
}

/** What the provider needs to know about the organization the credentials reach. */
export interface OrganizationInfo {
  id: string;
  managementAccountId: string;
  featureSet: string;
}

/** IAM's centralized root access features. */
export interface IamApi {
  listFeatures(): Promise<FeatureState>;
  /** Enables or disables one feature and returns the state AWS reports after the call. */
  setFeature(feature: FeatureName, enabled: boolean): Promise<FeatureState>;
}

/** AWS Organizations: the organization, trusted access and delegated administrators. Lists are read to the end. */
export interface OrganizationsApi {
  describeOrganization(): Promise<OrganizationInfo>;
  /** Service principals with trusted access. */
  listTrustedServices(): Promise<string[]>;
  setTrustedAccess(servicePrincipal: string, enabled: boolean): Promise<void>;
  /** Account IDs registered as delegated administrators for the service principal. */
  listDelegatedAdministrators(servicePrincipal: string): Promise<string[]>;
  setDelegatedAdministrator(accountId: string, servicePrincipal: string, registered: boolean): Promise<void>;
}

/** STS. */
export interface StsApi {
  /** The account the credentials belong to (GetCallerIdentity, which needs no permission). */
  callerAccountId(): Promise<string>;
}

/** Everything the package calls in AWS, for one set of connection settings. */
export interface AwsApi {
  iam: IamApi;
  organizations: OrganizationsApi;
  sts: StsApi;
}
