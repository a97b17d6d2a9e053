/**
 * The emulator's state: organizations, accounts and the access keys that identify callers, and its validation.
 * Plain JSON-compatible data, so the same shape serves as seed file, persisted state and control-endpoint answer.
 */

/** The IAM centralized root access features, as the IAM API spells them. */
export const ROOT_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;
export type RootFeature = (typeof ROOT_FEATURES)[number];

export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

export interface DelegatedAdministrator {
  accountId: string;
  servicePrincipal: string;
  /** Epoch seconds. */
  registeredAt: number;
}

export interface Organization {
  id: string;
  managementAccountId: string;
  featureSet: "ALL" | "CONSOLIDATED_BILLING";
  /** Service principals with trusted access, each with the epoch seconds it was enabled at. */
  trustedServices: Record<string, number>;
  delegatedAdministrators: DelegatedAdministrator[];
  /**
   * Per service principal, how many delegated administrators it accepts. AWS documents no limit for IAM, so none is
   * set by default; a seed sets one to reproduce MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED.
   */
  delegatedAdministratorLimits: Record<string, number>;
  enabledRootFeatures: RootFeature[];
}

export interface Account {
  id: string;
  name: string;
  email: string;
  /** Absent for a standalone account that belongs to no organization. */
  organizationId?: string;
}

export interface AccessKey {
  accessKeyId: string;
  accountId: string;
  /** When set, only these actions ("iam:ListOrganizationsFeatures", …) are allowed; others get AccessDenied. */
  allowedActions?: string[];
  /** Keys minted by sts:AssumeRole. */
  temporary?: boolean;
}

export interface EmulatorState {
  organizations: Organization[];
  accounts: Account[];
  accessKeys: AccessKey[];
  /** Account that any access key not listed in `accessKeys` belongs to; null refuses unknown keys. */
  defaultAccountId: string | null;
}

export const DEFAULT_ORGANIZATION_ID = "o-a1b2c3d4e5";
export const DEFAULT_MANAGEMENT_ACCOUNT_ID = "111111111111";

/** One organization in all-features mode, IAM trusted access on, no root features; any key is its management account. */
export function defaultState(): EmulatorState {
  return {
    organizations: [
      {
        id: DEFAULT_ORGANIZATION_ID,
        managementAccountId: DEFAULT_MANAGEMENT_ACCOUNT_ID,
        featureSet: "ALL",
        trustedServices: { [IAM_SERVICE_PRINCIPAL]: 1_700_000_000 },
        delegatedAdministrators: [],
        delegatedAdministratorLimits: {},
        enabledRootFeatures: [],
      },
    ],
    accounts: [
      {
        id: DEFAULT_MANAGEMENT_ACCOUNT_ID,
        name: "management",
        email: "management@example.com",
        organizationId: DEFAULT_ORGANIZATION_ID,
      },
    ],
    accessKeys: [],
    defaultAccountId: DEFAULT_MANAGEMENT_ACCOUNT_ID,
  };
}

export class SeedError extends Error {
  override readonly name = "SeedError";
}

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Validates a seed (or persisted state) and fills defaults, so a typo in a scenario fails loudly at start-up
 * rather than as a puzzling AWS error in the middle of a test.
 */
export function parseState(raw: unknown): EmulatorState {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new SeedError("seed must be a JSON object");
  }
  const r = raw as Record<string, unknown>;
  const known = new Set(["organizations", "accounts", "accessKeys", "defaultAccountId", "faults"]);
  for (const k of Object.keys(r)) {
    if (!known.has(k)) throw new SeedError(`unknown seed property "${k}"; expected one of ${[...known].join(", ")}`);
  }
  const organizations = arrayOf(r.organizations, "organizations").map(parseOrganization);
  const accounts = arrayOf(r.accounts, "accounts").map(parseAccount);
  const accessKeys = arrayOf(r.accessKeys, "accessKeys").map(parseAccessKey);
  const defaultAccountId = r.defaultAccountId === undefined ? null : r.defaultAccountId;
  if (defaultAccountId !== null && (typeof defaultAccountId !== "string" || !ACCOUNT_ID.test(defaultAccountId))) {
    throw new SeedError("defaultAccountId must be a 12-digit account ID or null");
  }
  const state: EmulatorState = { organizations, accounts, accessKeys, defaultAccountId };
  checkReferences(state);
  return state;
}

function arrayOf(v: unknown, what: string): Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== "object" || x === null || Array.isArray(x))) {
    throw new SeedError(`${what} must be an array of objects`);
  }
  return v as Record<string, unknown>[];
}

function str(o: Record<string, unknown>, key: string, where: string, pattern?: RegExp): string {
  const v = o[key];
  if (typeof v !== "string" || (pattern && !pattern.test(v))) {
    throw new SeedError(`${where}.${key} must be a string${pattern ? ` matching ${pattern}` : ""}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function parseOrganization(o: Record<string, unknown>, i: number): Organization {
  const where = `organizations[${i}]`;
  const featureSet = o.featureSet ?? "ALL";
  if (featureSet !== "ALL" && featureSet !== "CONSOLIDATED_BILLING") {
    throw new SeedError(`${where}.featureSet must be "ALL" or "CONSOLIDATED_BILLING"`);
  }
  const trusted = o.trustedServices ?? [IAM_SERVICE_PRINCIPAL];
  let trustedServices: Record<string, number>;
  if (Array.isArray(trusted) && trusted.every((s) => typeof s === "string")) {
    trustedServices = Object.fromEntries(trusted.map((s: string) => [s, 1_700_000_000]));
  } else if (typeof trusted === "object" && trusted !== null && Object.values(trusted).every((n) => typeof n === "number")) {
    trustedServices = { ...(trusted as Record<string, number>) };
  } else {
    throw new SeedError(`${where}.trustedServices must be an array of service principals`);
  }
  const features = o.enabledRootFeatures ?? [];
  if (!Array.isArray(features) || features.some((f) => !(ROOT_FEATURES as readonly unknown[]).includes(f))) {
    throw new SeedError(`${where}.enabledRootFeatures must list only ${ROOT_FEATURES.join(", ")}`);
  }
  const admins = arrayOf(o.delegatedAdministrators, `${where}.delegatedAdministrators`).map((d, j) => ({
    accountId: str(d, "accountId", `${where}.delegatedAdministrators[${j}]`, ACCOUNT_ID),
    servicePrincipal: str(d, "servicePrincipal", `${where}.delegatedAdministrators[${j}]`),
    registeredAt: typeof d.registeredAt === "number" ? d.registeredAt : 1_700_000_000,
  }));
  const limits = o.delegatedAdministratorLimits ?? {};
  if (
    typeof limits !== "object" ||
    limits === null ||
    Array.isArray(limits) ||
    Object.values(limits).some((n) => typeof n !== "number" || !Number.isInteger(n) || n < 1)
  ) {
    throw new SeedError(`${where}.delegatedAdministratorLimits must map service principals to whole numbers of at least 1`);
  }
  return {
    id: str(o, "id", where, ORG_ID),
    managementAccountId: str(o, "managementAccountId", where, ACCOUNT_ID),
    featureSet,
    trustedServices,
    delegatedAdministrators: admins,
    delegatedAdministratorLimits: { ...(limits as Record<string, number>) },
    enabledRootFeatures: [...new Set(features as RootFeature[])].sort(),
  };
}

function parseAccount(o: Record<string, unknown>, i: number): Account {
  const where = `accounts[${i}]`;
  const id = str(o, "id", where, ACCOUNT_ID);
  const account: Account = {
    id,
    name: typeof o.name === "string" ? o.name : `account-${id}`,
    email: typeof o.email === "string" ? o.email : `${id}@example.com`,
  };
  if (o.organizationId !== undefined && o.organizationId !== null) {
    account.organizationId = str(o, "organizationId", where, ORG_ID);
  }
  return account;
}

function parseAccessKey(o: Record<string, unknown>, i: number): AccessKey {
  const where = `accessKeys[${i}]`;
  const key: AccessKey = {
    accessKeyId: str(o, "accessKeyId", where, /^[A-Z0-9]{16,128}$/),
    accountId: str(o, "accountId", where, ACCOUNT_ID),
  };
  if (o.allowedActions !== undefined) {
    const a = o.allowedActions;
    if (!Array.isArray(a) || a.some((x) => typeof x !== "string" || !/^(iam|organizations|sts):[A-Za-z]+$/.test(x))) {
      throw new SeedError(`${where}.allowedActions must be an array of "service:Action" strings`);
    }
    key.allowedActions = a as string[];
  }
  if (o.temporary === true) key.temporary = true;
  return key;
}

function checkReferences(state: EmulatorState): void {
  const accountIds = new Set(state.accounts.map((a) => a.id));
  const orgIds = new Set(state.organizations.map((o) => o.id));
  for (const org of state.organizations) {
    if (!accountIds.has(org.managementAccountId)) {
      throw new SeedError(`organization ${org.id}: management account ${org.managementAccountId} is not in accounts`);
    }
    const mgmt = state.accounts.find((a) => a.id === org.managementAccountId);
    if (mgmt && mgmt.organizationId !== org.id) {
      throw new SeedError(`account ${mgmt.id} manages ${org.id} so its organizationId must be ${org.id}`);
    }
  }
  for (const a of state.accounts) {
    if (a.organizationId && !orgIds.has(a.organizationId)) {
      throw new SeedError(`account ${a.id}: organization ${a.organizationId} is not in organizations`);
    }
  }
  for (const k of state.accessKeys) {
    if (!accountIds.has(k.accountId)) throw new SeedError(`access key for ${k.accountId}: account is not in accounts`);
  }
  if (state.defaultAccountId !== null && !accountIds.has(state.defaultAccountId)) {
    throw new SeedError(`defaultAccountId ${state.defaultAccountId} is not in accounts`);
  }
}
