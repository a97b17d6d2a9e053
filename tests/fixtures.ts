/**
 * Shared test fixtures: emulator start-up with SDK clients wired to it, and the constants scenarios refer to.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
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
  s3: S3Client;
  sqs: SQSClient;
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
    return {
      iam: new IAMClient(config),
      organizations: new OrganizationsClient(config),
      sts: new STSClient(config),
      s3: new S3Client(config),
      sqs: new SQSClient(config),
    };
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
      own.s3.destroy();
      own.sqs.destroy();
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

/** A resource policy that denies every principal every action of the service: the resource is locked. */
export function lockingPolicy(service: "s3" | "sqs"): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyEveryone", Effect: "Deny", Principal: "*", Action: `${service}:*`, Resource: "*" }],
  });
}

/** A policy that denies one principal only: it locks nobody else out. */
export function partialDenyPolicy(service: "s3" | "sqs"): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Deny", Principal: { AWS: `arn:aws:iam::${MEMBER}:role/Intruder` }, Action: `${service}:*`, Resource: "*" },
    ],
  });
}

/**
 * The root credentials organization with buckets and queues: locked ones in two member accounts, and open ones
 * (no policy, or one that denies a single principal) beside them.
 */
export function lockedResourcesSeed(features: string[] = ["RootCredentialsManagement", "RootSessions"]): Record<string, unknown> {
  const seed = rootCredentialsSeed(features);
  const accounts = seed.accounts as Array<Record<string, unknown>>;
  const account = (id: string) => accounts.find((a) => a.id === id)!;
  Object.assign(account(MEMBER), {
    s3Buckets: [
      { name: "member-locked-bucket", region: "us-east-1", policy: lockingPolicy("s3") },
      { name: "member-open-bucket", region: "eu-west-1" },
      { name: "member-partly-denied-bucket", region: "us-east-1", policy: partialDenyPolicy("s3") },
    ],
    sqsQueues: [
      { name: "member-locked-queue", region: "us-east-1", policy: lockingPolicy("sqs") },
      { name: "member-open-queue", region: "us-east-1", policy: partialDenyPolicy("sqs") },
    ],
  });
  Object.assign(account(DELEGATED_ADMIN), {
    s3Buckets: [{ name: "security-locked-bucket", region: "us-east-1", policy: lockingPolicy("s3") }],
  });
  return seed;
}
