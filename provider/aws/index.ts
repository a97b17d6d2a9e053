/**
 * The AWS wing: the only code of the package that calls AWS. Clients are built per provider call from plain
 * settings, so nothing live or secret is ever captured into the serialized provider.
 */
import type { AwsApi } from "./api";
import type { ConnectionSettings } from "./connection";
import { createIamApi } from "./iam";
import { createOrganizationsApi } from "./organizations";
import { createStsApi } from "./sts";

export type { AwsApi, FeatureState, IamApi, OrganizationInfo, OrganizationsApi, StsApi } from "./api";
export type { ConnectionSettings } from "./connection";
export { FALLBACK_REGION, MAX_ATTEMPTS, describeCredentials } from "./connection";
export { MAX_PAGES } from "./pagination";

export interface AwsApiOptions {
  /** Items per page of Organizations lists (`MaxResults`); AWS's default when absent. */
  organizationsPageSize?: number;
}

export function createAwsApi(settings: ConnectionSettings, options: AwsApiOptions = {}): AwsApi {
  return {
    iam: createIamApi(settings),
    organizations: createOrganizationsApi(settings, options.organizationsPageSize),
    sts: createStsApi(settings),
  };
}
