/**
 * The AWS wing: the only code of the package that calls AWS. Clients are built per provider call from plain
 * settings, so nothing live or secret is ever captured into the serialized provider.
 */
import type { AwsApi } from "./api";
import type { ConnectionSettings } from "./connection";
import { createIamApi } from "./iam";
import { createOrganizationsApi } from "./organizations";
import { createStsApi } from "./sts";
import { createRootSessionsApi } from "./rootSessions";

export type {
  AccountInfo,
  AwsApi,
  FeatureState,
  IamApi,
  LastUsed,
  OrganizationInfo,
  OrganizationsApi,
  RootSessionsApi,
  RootTask,
  RootUserApi,
  StsApi,
} from "./api";
export { ROOT_SESSION_SECONDS } from "./rootSessions";
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
    rootSessions: createRootSessionsApi(settings),
  };
}
