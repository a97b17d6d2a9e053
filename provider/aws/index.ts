/**
 * The AWS wing: the only code of the package that calls AWS. Clients are built per provider call from plain
 * settings, so nothing live or secret is ever captured into the serialized provider.
 */
import { CONNECTION_KEYS } from "../core/target";
import type { AwsApi } from "./api";
import type { ConnectionSettings } from "./connection";
import { createIamApi } from "./iam";
import { createOrganizationsApi } from "./organizations";
import { createStsApi } from "./sts";
import { createRootSessionsApi } from "./rootSessions";
import { changedInThisRun } from "./runFacts";

export type {
  AccountInfo,
  AwsApi,
  BucketPolicyApi,
  BucketSummary,
  QueuePolicyApi,
  TaskApis,
  FeatureState,
  IamApi,
  LastUsed,
  OrganizationInfo,
  OrganizationsApi,
  RootSessionsApi,
  RootTask,
  RootUserApi,
  RootUserSummary,
  StsApi,
} from "./api";
export { ROOT_SESSION_SECONDS } from "./rootSessions";
export type { ConnectionSettings, SettingsLayer } from "./connection";
export {
  FALLBACK_REGION,
  MAX_ATTEMPTS,
  describeCredentials,
  optionsConnection,
  readStackSettings,
  resolveConnection,
  stackLayer,
} from "./connection";
export { MAX_PAGES } from "./pagination";
export { forgetRunFacts, runFact } from "./runFacts";
export { bestEffort, diagnose } from "./diagnosis";
export { TASK_FEATURES, inRootSession } from "./inRootSession";
export { LIST_ACCOUNTS_ACTION, organizationAccounts, organizationReached } from "./accounts";
export { fleetAccounts, sharedError, visitAccounts } from "./fleet";
export type { FleetAccount } from "./fleet";

export interface AwsApiOptions {
  /** Items per page of Organizations lists (`MaxResults`); AWS's default when absent. */
  organizationsPageSize?: number;
}

/** Runs a change, then marks the run's facts stale (see runFacts.ts). */
function changing<A extends unknown[], R>(change: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await change(...args);
    } finally {
      changedInThisRun();
    }
  };
}

/**
 * Which connection an adapter uses, to share read-only facts between the adapters of one run: the settings and the
 * endpoints they resolve against. Never a credential.
 */
function scopeOf(settings: ConnectionSettings): string {
  const endpoints = [process.env.AWS_ENDPOINT_URL_IAM, process.env.AWS_ENDPOINT_URL_ORGANIZATIONS];
  return JSON.stringify([...CONNECTION_KEYS.map((key) => settings[key]), ...endpoints]);
}

export function createAwsApi(settings: ConnectionSettings, options: AwsApiOptions = {}): AwsApi {
  const iam = createIamApi(settings);
  const organizations = createOrganizationsApi(settings, options.organizationsPageSize);
  return {
    scope: scopeOf(settings),
    iam: { ...iam, setFeature: changing(iam.setFeature) },
    organizations: {
      ...organizations,
      setTrustedAccess: changing(organizations.setTrustedAccess),
      setDelegatedAdministrator: changing(organizations.setDelegatedAdministrator),
    },
    sts: createStsApi(settings),
    rootSessions: createRootSessionsApi(settings),
  };
}
