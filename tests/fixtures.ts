/**
 * Shared test fixtures: emulator start-up with SDK clients wired to it, and the constants scenarios refer to.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
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
    defaultAccountId: MANAGEMENT,
  };
}

export interface EmulatorFixture {
  emulator: RunningEmulator;
  credentials: FakeCredentials;
  iam: IAMClient;
  organizations: OrganizationsClient;
  /** SDK clients for another access key (another account) of the same emulator. */
  clientsFor(accessKeyId: string): { iam: IAMClient; organizations: OrganizationsClient };
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const emulator = await start(options);
  const credentials = randomCredentials();
  const clientsFor = (accessKeyId: string, secretAccessKey = "unused-secret-for-emulator") => {
    const config = { region: "us-east-1", endpoint: emulator.url, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 };
    return { iam: new IAMClient(config), organizations: new OrganizationsClient(config) };
  };
  const own = clientsFor(credentials.accessKeyId, credentials.secretAccessKey);
  return {
    emulator,
    credentials,
    ...own,
    clientsFor: (key) => clientsFor(key),
    close: async () => {
      own.iam.destroy();
      own.organizations.destroy();
      await emulator.close();
    },
  };
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
  credentialSources: ["environment variables", "a named profile", "an assumed role"],
  crashPoints: ["create", "update"],
  concurrentOrganizations: 6,
} as const;
