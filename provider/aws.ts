/**
 * The only module that talks to AWS. Clients are built per call from plain settings, so nothing live or secret is
 * ever captured into the serialized provider; credentials and endpoints come from the AWS SDK's own chains
 * (environment, shared config/profile, SSO, container/instance roles, AWS_ENDPOINT_URL_*).
 */
import {
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
} from "@aws-sdk/client-iam";
import {
  DeregisterDelegatedAdministratorCommand,
  DescribeOrganizationCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { canonical, isFeatureName } from "./features";
import type { FeatureName } from "./features";

/** Where and as whom to call AWS. None of these is a secret: credentials themselves never pass through here. */
export interface ConnectionSettings {
  region?: string;
  profile?: string;
  /** A role to assume (with the credentials the chain finds) before calling IAM. */
  roleArn?: string;
  /** Where `profile` and `roleArn` came from, for error messages ("the stack config `aws:profile`", …). */
  sources?: { profile?: string; roleArn?: string };
}

/** "profile "x" (from the stack config `aws:profile`)": which credentials a lookup used, for error messages. */
export function describeCredentials(settings: ConnectionSettings): string | undefined {
  const profile = settings.profile ?? process.env.AWS_PROFILE;
  const profileSource = settings.profile ? settings.sources?.profile : "the AWS_PROFILE environment variable";
  const named = profile ? `profile "${profile}"${profileSource ? ` (from ${profileSource})` : ""}` : undefined;
  if (!settings.roleArn) return named;
  const role = `role ${settings.roleArn}${settings.sources?.roleArn ? ` (from ${settings.sources.roleArn})` : ""}`;
  return named ? `${role}, assumed with ${named}` : role;
}

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

/** The AWS Organizations calls: trusted access, delegated administrators, and read-only diagnosis. */
export interface OrganizationsApi {
  describeOrganization(): Promise<OrganizationInfo>;
  /** Service principals with trusted access. */
  listTrustedServices(): Promise<string[]>;
  setTrustedAccess(servicePrincipal: string, enabled: boolean): Promise<void>;
  /** Account IDs registered as delegated administrators for the service principal. */
  listDelegatedAdministrators(servicePrincipal: string): Promise<string[]>;
  setDelegatedAdministrator(accountId: string, servicePrincipal: string, registered: boolean): Promise<void>;
}

/** The small surface the provider needs; tests substitute a fake. */
export interface RootAccessApi {
  listFeatures(): Promise<FeatureState>;
  /** Enables or disables one feature and returns the state AWS reports after the call. */
  setFeature(feature: FeatureName, enabled: boolean): Promise<FeatureState>;
  organizations: OrganizationsApi;
  /** The account the credentials belong to (STS GetCallerIdentity, which needs no permission). */
  callerAccountId(): Promise<string>;
}

/** IAM is a global service; this region is used only when nothing else names one. */
export const FALLBACK_REGION = "us-east-1";
const ROLE_SESSION_NAME = "pulumi-aws-root-access";
/** Bounded retries with the SDK's standard strategy (exponential backoff with jitter, throttling-aware). */
export const MAX_ATTEMPTS = 6;
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 5_000;

/** Marks an SDK credential error with the profile or role it was looked up with; other errors pass unchanged. */
function withCredentialSource(settings: ConnectionSettings): (err: unknown) => never {
  return (err) => {
    const described = describeCredentials(settings);
    if (described && (err as { name?: unknown } | null)?.name === "CredentialsProviderError") {
      Object.assign(err as object, { credentials: described });
    }
    throw err;
  };
}

async function resolveRegion(settings: ConnectionSettings): Promise<string> {
  if (settings.region) return settings.region;
  const probe = new IAMClient(settings.profile ? { profile: settings.profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}

// IAM and Organizations clients take the same settings; one builder serves both.
/** The settings every client of this package shares; a plain shape so IAM, Organizations and STS all accept it. */
interface ClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: string;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
  profile?: string;
  credentials?: ReturnType<typeof fromTemporaryCredentials>;
}

async function clientConfig(settings: ConnectionSettings): Promise<ClientConfig> {
  const region = await resolveRegion(settings);
  const config: ClientConfig = {
    region,
    maxAttempts: MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
  };
  if (settings.profile) config.profile = settings.profile;
  if (settings.roleArn) {
    config.credentials = fromTemporaryCredentials({
      params: { RoleArn: settings.roleArn, RoleSessionName: ROLE_SESSION_NAME },
      clientConfig: { region, maxAttempts: MAX_ATTEMPTS },
      ...(settings.profile ? { masterCredentials: fromIni({ profile: settings.profile }) } : {}),
    });
  }
  return config;
}

function toState(out: { OrganizationId?: string | undefined; EnabledFeatures?: string[] | undefined }): FeatureState {
  if (!out.OrganizationId) throw new Error("IAM answered without an OrganizationId");
  return { organizationId: out.OrganizationId, enabledFeatures: canonical((out.EnabledFeatures ?? []).filter(isFeatureName)) };
}

// A function, not a lookup table: SDK classes held in a module-level value would be copied into `__provider`.
async function sendSetFeature(client: IAMClient, feature: FeatureName, enabled: boolean) {
  if (feature === "RootSessions") {
    return enabled
      ? client.send(new EnableOrganizationsRootSessionsCommand({}))
      : client.send(new DisableOrganizationsRootSessionsCommand({}));
  }
  return enabled
    ? client.send(new EnableOrganizationsRootCredentialsManagementCommand({}))
    : client.send(new DisableOrganizationsRootCredentialsManagementCommand({}));
}

/** Builds the IAM adapter for one provider call; the client lives only as long as the returned object is used. */
export function createRootAccessApi(settings: ConnectionSettings): RootAccessApi {
  let client: Promise<IAMClient> | undefined;
  const iam = (): Promise<IAMClient> => (client ??= clientConfig(settings).then((c) => new IAMClient(c)));
  const annotate = withCredentialSource(settings);
  return {
    organizations: createOrganizationsApi(settings),
    async listFeatures() {
      return toState(await (await iam()).send(new ListOrganizationsFeaturesCommand({})).catch(annotate));
    },
    async setFeature(feature, enabled) {
      return toState(await sendSetFeature(await iam(), feature, enabled).catch(annotate));
    },
    async callerAccountId() {
      const sts = new STSClient(await clientConfig(settings));
      try {
        return (await sts.send(new GetCallerIdentityCommand({})).catch(annotate)).Account ?? "";
      } finally {
        sts.destroy();
      }
    },
  };
}

/** Builds the Organizations adapter for one provider call. Paginated lists are read to the end. */
export function createOrganizationsApi(settings: ConnectionSettings): OrganizationsApi {
  let client: Promise<OrganizationsClient> | undefined;
  const annotate = withCredentialSource(settings);
  const connect = (): Promise<OrganizationsClient> => (client ??= clientConfig(settings).then((c) => new OrganizationsClient(c)));
  // Every call goes through `send`, so a credential error always says which profile or role it came from.
  const orgs = async () => {
    const c = await connect();
    return { send: ((command: never) => c.send(command).catch(annotate)) as OrganizationsClient["send"] };
  };
  return {
    async describeOrganization() {
      const org = (await (await orgs()).send(new DescribeOrganizationCommand({}))).Organization;
      return { id: org?.Id ?? "", managementAccountId: org?.MasterAccountId ?? "", featureSet: org?.FeatureSet ?? "" };
    },
    async listTrustedServices() {
      const c = await orgs();
      const principals: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await c.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken }));
        principals.push(...(page.EnabledServicePrincipals ?? []).map((p) => p.ServicePrincipal ?? ""));
        NextToken = page.NextToken;
      } while (NextToken);
      return principals;
    },
    async setTrustedAccess(ServicePrincipal, enabled) {
      const c = await orgs();
      if (enabled) await c.send(new EnableAWSServiceAccessCommand({ ServicePrincipal }));
      else await c.send(new DisableAWSServiceAccessCommand({ ServicePrincipal }));
    },
    async listDelegatedAdministrators(ServicePrincipal) {
      const c = await orgs();
      const ids: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await c.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal, NextToken }));
        ids.push(...(page.DelegatedAdministrators ?? []).map((a) => a.Id ?? ""));
        NextToken = page.NextToken;
      } while (NextToken);
      return ids;
    },
    async setDelegatedAdministrator(AccountId, ServicePrincipal, registered) {
      const c = await orgs();
      if (registered) await c.send(new RegisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal }));
      else await c.send(new DeregisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal }));
    },
  };
}
