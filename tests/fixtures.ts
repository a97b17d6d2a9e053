/**
 * Shared test fixtures: emulator start-up with SDK clients wired to it, and the constants scenarios refer to.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { STSClient } from "@aws-sdk/client-sts";
import { start } from "../emulator";
import type { EmulatorOptions, RunningEmulator } from "../emulator";
import { randomCredentials } from "../harness/engine";
import type { FakeCredentials } from "../harness/engine";

export const ORG_ID = "o-a1b2c3d4e5";
export const MANAGEMENT = "111111111111";
export const MEMBER = "222222222222";
export const DELEGATED_ADMIN = "333333333333";
export const STANDALONE = "444444444444";
export const IAM_PRINCIPAL = "iam.amazonaws.com";
export const ORGANIZATION_ADMIN_ROLE = `arn:aws:iam::${MANAGEMENT}:role/OrganizationAdmin`;

export const KEYS = {
  management: "AKIAMANAGEMENT000001",
  member: "AKIAMEMBER0000000001",
  delegatedAdmin: "AKIADELEGATEDADMIN01",
  standalone: "AKIASTANDALONE000001",
} as const;

/** An organization with a member, an IAM delegated administrator and a standalone account, each with its own key. */
export function scenarioSeed(
  overrides: { featureSet?: string; trustedServices?: string[]; enabledRootFeatures?: string[] } = {},
): Record<string, unknown> {
  return {
    organizations: [
      {
        id: ORG_ID,
        managementAccountId: MANAGEMENT,
        featureSet: overrides.featureSet ?? "ALL",
        trustedServices: overrides.trustedServices ?? [IAM_PRINCIPAL],
        delegatedAdministrators: [{ accountId: DELEGATED_ADMIN, servicePrincipal: IAM_PRINCIPAL }],
        enabledRootFeatures: overrides.enabledRootFeatures ?? [],
      },
    ],
    accounts: [
      { id: MANAGEMENT, name: "management", organizationId: ORG_ID },
      { id: MEMBER, name: "member", organizationId: ORG_ID },
      { id: DELEGATED_ADMIN, name: "security", organizationId: ORG_ID },
      { id: STANDALONE, name: "standalone" },
    ],
    accessKeys: [
      { accessKeyId: KEYS.management, accountId: MANAGEMENT },
      { accessKeyId: KEYS.member, accountId: MEMBER },
      { accessKeyId: KEYS.delegatedAdmin, accountId: DELEGATED_ADMIN },
      { accessKeyId: KEYS.standalone, accountId: STANDALONE },
    ],
    // The role tests name as `roleArn` (only roles the seed declares can be assumed).
    roles: [{ arn: ORGANIZATION_ADMIN_ROLE }],
    defaultAccountId: MANAGEMENT,
  };
}

export interface Clients {
  iam: IAMClient;
  organizations: OrganizationsClient;
  sts: STSClient;
}

/** Credentials as STS returns them. */
export interface SessionCredentials {
  AccessKeyId?: string | undefined;
  SecretAccessKey?: string | undefined;
  SessionToken?: string | undefined;
}

export interface EmulatorFixture {
  emulator: RunningEmulator;
  credentials: FakeCredentials;
  iam: IAMClient;
  organizations: OrganizationsClient;
  /** SDK clients for another access key (another account) of the same emulator. */
  clientsFor(accessKeyId: string): Clients;
  /** SDK clients signing with temporary credentials, e.g. a root session. */
  clientsWith(credentials: SessionCredentials | undefined): Clients;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const emulator = await start(options);
  const credentials = randomCredentials();
  const clientsFor = (accessKeyId: string, secretAccessKey = "unused-secret-for-emulator", sessionToken?: string): Clients => {
    const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
    const config = { region: "us-east-1", endpoint: emulator.url, credentials, maxAttempts: 1 };
    return { iam: new IAMClient(config), organizations: new OrganizationsClient(config), sts: new STSClient(config) };
  };
  const own = clientsFor(credentials.accessKeyId, credentials.secretAccessKey);
  return {
    emulator,
    credentials,
    ...own,
    clientsFor: (key) => clientsFor(key),
    clientsWith: (c) => clientsFor(c?.AccessKeyId ?? "", c?.SecretAccessKey ?? "", c?.SessionToken),
    close: async () => {
      own.iam.destroy();
      own.organizations.destroy();
      await emulator.close();
    },
  };
}

export const MEMBER_2 = "555555555555";
export const SUSPENDED = "666666666666";

/** What each member account's root user has, as in the seed format. */
export const ROOT_USERS = {
  [MEMBER]: {
    password: true,
    accessKeys: ["AKIAROOTMEMBER000001"],
    signingCertificates: ["CERTROOTMEMBER00000000001"],
    mfaDevices: [`arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`],
  },
  [MEMBER_2]: {},
  [DELEGATED_ADMIN]: { accessKeys: ["AKIAROOTSECURITY0001"] },
} as const;

/**
 * The scenario organization with centralized root access on (both features), root credentials in member accounts,
 * a second clean member and a suspended one.
 */
export function rootCredentialsSeed(features: string[] = ["RootCredentialsManagement", "RootSessions"]): Record<string, unknown> {
  const seed = scenarioSeed({ enabledRootFeatures: features });
  const accounts = seed.accounts as Array<Record<string, unknown>>;
  for (const account of accounts) {
    const root = (ROOT_USERS as Record<string, unknown>)[account.id as string];
    if (root) account.rootUser = root;
  }
  accounts.push(
    { id: MEMBER_2, name: "clean", organizationId: ORG_ID },
    { id: SUSPENDED, name: "suspended", organizationId: ORG_ID, status: "SUSPENDED" },
  );
  return seed;
}

/** Operations the emulator saw, in order, optionally only the mutating ones. */
export function operations(emulator: RunningEmulator, opts: { mutatingOnly?: boolean } = {}): string[] {
  return emulator
    .calls()
    .map((c) => c.operation)
    .filter((op) => !opts.mutatingOnly || !/^(List|Describe|Get)/.test(op));
}

/** Shared by the reliability specs and docs/reliability.md, so the document counts what the specs run. */
export const RELIABILITY = {
  credentialSources: [
    "environment variables",
    "a named profile",
    "an assumed role",
    "a profile with a session token",
    "a credential_process (SSO-like) source",
  ],
  crashPoints: ["create", "update"],
  concurrentOrganizations: 6,
} as const;
