/**
 * The emulator's state: organizations, accounts with their root users, the access keys and roles that identify
 * callers, and the one validation every way in goes through (seed file, `PUT /__emulator/state`, the state file).
 * Plain JSON-compatible data, so the same shape serves as seed, persisted state and control-endpoint answer.
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

/**
 * A simplified service control policy statement: actions denied to every principal of the target accounts (an
 * account ID, an OU ID an account is in, or the organization ID for all of them), root sessions included unless
 * the statement exempts them with the `aws:AssumedRoot` condition.
 */
export interface ScpStatement {
  targets: string[];
  /** Actions such as "iam:DeleteAccessKey", with `*` wildcards ("iam:Delete*", "iam:*"). */
  deny: string[];
  /** True when the statement carries `"Condition": {"Bool": {"aws:AssumedRoot": "false"}}`. */
  exemptAssumedRoot?: boolean;
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
  serviceControlPolicies: ScpStatement[];
}

/** When a root access key was last used; absent means never. */
export interface LastUsed {
  date: string;
  service: string;
  region: string;
}

/** A member account's root user credentials; every field is optional in a seed, and absent means none. */
export interface RootUser {
  password: boolean;
  accessKeys: string[];
  signingCertificates: string[];
  /** MFA device serial numbers (virtual devices: `arn:aws:iam::<account>:mfa/<name>`). */
  mfaDevices: string[];
  accessKeyLastUsed?: Record<string, LastUsed>;
  /** A login profile without a password, created in a root session so the owner can use "forgot password". */
  recoveryProfile?: boolean;
}

export type AccountStatus = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";

export interface Account {
  id: string;
  name: string;
  email: string;
  /** Absent for a standalone account that belongs to no organization. */
  organizationId?: string;
  status: AccountStatus;
  /** The organizational unit the account is in, for service control policies that target OUs. */
  ouId?: string;
  rootUser?: RootUser;
  /** S3 buckets of the account (names are unique across the emulator, as in S3). */
  s3Buckets?: PolicyHolder[];
  /** SQS queues of the account. */
  sqsQueues?: PolicyHolder[];
}

/**
 * A bucket or a queue: its name, its region and its resource policy, a JSON document kept as the text it was set
 * with (absent when it has none). How a policy is evaluated: emulator/resourcePolicy.ts.
 */
export interface PolicyHolder {
  name: string;
  region: string;
  policy?: string;
}

/** A subset of IAM's policy language: Allow statements, actions with wildcards, StringEquals conditions. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow";
  Action: string | string[];
  Resource?: string | string[];
  Condition?: { StringEquals?: Record<string, string | string[]> };
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

/** Permission mode: when either is set, only what they allow is allowed; others get AccessDenied. */
export interface Permissions {
  /** Shorthand: "iam:ListOrganizationsFeatures", … */
  allowedActions?: string[];
  policy?: PolicyDocument;
}

/** How a temporary key was minted. */
export type Session =
  { kind: "role"; roleArn: string; sessionName: string; roleId: string } | { kind: "root"; taskPolicy: string };

export interface AccessKey extends Permissions {
  accessKeyId: string;
  accountId: string;
  /** Keys minted by sts:AssumeRole or sts:AssumeRoot. */
  temporary?: boolean;
  /** Epoch milliseconds after which the key answers ExpiredToken. */
  expiresAt?: number;
  /** SHA-256 of the session token the key must be presented with (the token itself is never kept). */
  sessionTokenHash?: string;
  session?: Session;
}

/** A role that AssumeRole can mint credentials for, with the permissions those credentials carry. */
export interface Role extends Permissions {
  arn: string;
  maxSessionDurationSeconds?: number;
  /** The trust policy, simplified: the accounts that may assume the role; any account when absent. */
  trustedAccountIds?: string[];
}

export interface EmulatorState {
  organizations: Organization[];
  accounts: Account[];
  accessKeys: AccessKey[];
  roles: Role[];
  /** Account that any access key not listed in `accessKeys` belongs to; null refuses unknown keys. */
  defaultAccountId: string | null;
}

export const DEFAULT_ORGANIZATION_ID = "o-a1b2c3d4e5";
export const DEFAULT_MANAGEMENT_ACCOUNT_ID = "111111111111";

/** One organization in all-features mode, IAM trusted access on, no root features; any key is its management account. */
export function defaultState(): EmulatorState {
  return parseState({
    organizations: [{ id: DEFAULT_ORGANIZATION_ID, managementAccountId: DEFAULT_MANAGEMENT_ACCOUNT_ID }],
    accounts: [
      {
        id: DEFAULT_MANAGEMENT_ACCOUNT_ID,
        name: "management",
        email: "management@example.com",
        organizationId: DEFAULT_ORGANIZATION_ID,
      },
    ],
    defaultAccountId: DEFAULT_MANAGEMENT_ACCOUNT_ID,
  });
}

export class SeedError extends Error {
  override readonly name = "SeedError";
}

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z*]+)$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const DEFAULT_TIMESTAMP = 1_700_000_000;

type Json = Record<string, unknown>;

/** Reads one object of the seed, naming the path of anything wrong. */
class Reader {
  constructor(
    readonly o: Json,
    readonly path: string,
    allowed: readonly string[],
  ) {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) throw new SeedError(`${path}: unknown property "${k}"; expected one of ${allowed.join(", ")}`);
    }
  }

  private fail(key: string, expected: string): never {
    throw new SeedError(`${this.path}.${key} must be ${expected}, got ${JSON.stringify(this.o[key]) ?? "undefined"}`);
  }

  has(key: string): boolean {
    return this.o[key] !== undefined && this.o[key] !== null;
  }

  string(key: string, pattern?: RegExp): string {
    const v = this.o[key];
    if (typeof v !== "string" || (pattern && !pattern.test(v)))
      this.fail(key, `a string${pattern ? ` matching ${pattern}` : ""}`);
    return v;
  }

  optionalString(key: string, pattern?: RegExp): string | undefined {
    return this.has(key) ? this.string(key, pattern) : undefined;
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T {
    if (!this.has(key)) return fallback;
    const v = this.o[key];
    if (!values.includes(v as T)) this.fail(key, `one of ${values.join(", ")}`);
    return v as T;
  }

  number(key: string, fallback: number, min = 0): number {
    if (!this.has(key)) return fallback;
    const v = this.o[key];
    // JSON.parse turns 1e309 into Infinity, which would be written back as null.
    if (typeof v !== "number" || !Number.isFinite(v) || v < min) this.fail(key, `a finite number of at least ${min}`);
    return v;
  }

  boolean(key: string): boolean {
    if (!this.has(key)) return false;
    if (typeof this.o[key] !== "boolean") this.fail(key, "true or false");
    return this.o[key] as boolean;
  }

  strings(key: string, pattern?: RegExp): string[] {
    if (!this.has(key)) return [];
    const v = this.o[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || (pattern && !pattern.test(x)))) {
      this.fail(key, `an array of strings${pattern ? ` matching ${pattern}` : ""}`);
    }
    if (new Set(v).size !== v.length) throw new SeedError(`${this.path}.${key} lists an entry more than once`);
    return [...v] as string[];
  }

  objects(key: string): Reader[] {
    if (!this.has(key)) return [];
    const v = this.o[key];
    if (!Array.isArray(v)) this.fail(key, "an array of objects");
    return (v as unknown[]).map((x, i) => {
      if (typeof x !== "object" || x === null || Array.isArray(x)) this.fail(`${key}[${i}]`, "an object");
      return x as Json;
    }) as unknown as Reader[];
  }

  record(key: string): Json {
    if (!this.has(key)) return {};
    const v = this.o[key];
    if (typeof v !== "object" || Array.isArray(v)) this.fail(key, "an object");
    return v as Json;
  }
}

function each<T>(parent: Reader, key: string, allowed: readonly string[], parse: (r: Reader) => T): T[] {
  return (parent.objects(key) as unknown as Json[]).map((o, i) =>
    parse(new Reader(o, `${parent.path ? `${parent.path}.` : ""}${key}[${i}]`, allowed)),
  );
}

function parseOrganization(r: Reader): Organization {
  let trustedServices: Record<string, number>;
  if (!r.has("trustedServices")) {
    trustedServices = { [IAM_SERVICE_PRINCIPAL]: DEFAULT_TIMESTAMP };
  } else if (Array.isArray(r.o.trustedServices)) {
    trustedServices = Object.fromEntries(r.strings("trustedServices").map((s) => [s, DEFAULT_TIMESTAMP]));
  } else {
    const rec = r.record("trustedServices");
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new SeedError(`${r.path}.trustedServices.${k} must be a finite number`);
    }
    trustedServices = { ...(rec as Record<string, number>) };
  }
  const features = r.strings("enabledRootFeatures");
  for (const f of features) {
    if (!(ROOT_FEATURES as readonly string[]).includes(f))
      throw new SeedError(`${r.path}.enabledRootFeatures must list only ${ROOT_FEATURES.join(", ")}`);
  }
  const limits = r.record("delegatedAdministratorLimits");
  for (const [k, v] of Object.entries(limits)) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
      throw new SeedError(`${r.path}.delegatedAdministratorLimits.${k} must be a whole number of at least 1`);
    }
  }
  return {
    id: r.string("id", ORG_ID),
    managementAccountId: r.string("managementAccountId", ACCOUNT_ID),
    featureSet: r.oneOf("featureSet", ["ALL", "CONSOLIDATED_BILLING"] as const, "ALL"),
    trustedServices,
    delegatedAdministrators: each(r, "delegatedAdministrators", ["accountId", "servicePrincipal", "registeredAt"], (d) => ({
      accountId: d.string("accountId", ACCOUNT_ID),
      servicePrincipal: d.string("servicePrincipal"),
      registeredAt: d.number("registeredAt", DEFAULT_TIMESTAMP),
    })),
    delegatedAdministratorLimits: { ...(limits as Record<string, number>) },
    enabledRootFeatures: ROOT_FEATURES.filter((f) => features.includes(f)),
    serviceControlPolicies: each(r, "serviceControlPolicies", ["targets", "deny", "exemptAssumedRoot"], (s) => ({
      targets: s.strings("targets"),
      deny: s.strings("deny", ACTION),
      ...(s.boolean("exemptAssumedRoot") ? { exemptAssumedRoot: true } : {}),
    })),
  };
}

function parseRootUser(r: Reader): RootUser {
  const lastUsed = r.record("accessKeyLastUsed");
  const accessKeyLastUsed: Record<string, LastUsed> = {};
  for (const [id, v] of Object.entries(lastUsed)) {
    if (typeof v !== "object" || v === null || Array.isArray(v))
      throw new SeedError(`${r.path}.accessKeyLastUsed.${id} must be an object`);
    const u = new Reader(v as Json, `${r.path}.accessKeyLastUsed.${id}`, ["date", "service", "region"]);
    accessKeyLastUsed[id] = { date: u.string("date"), service: u.string("service"), region: u.string("region") };
  }
  return {
    password: r.boolean("password"),
    accessKeys: r.strings("accessKeys", ACCESS_KEY_ID),
    signingCertificates: r.strings("signingCertificates", /^[A-Z0-9]{24,128}$/),
    mfaDevices: r.strings("mfaDevices", /^[\w+=/:,.@-]{9,256}$/),
    ...(Object.keys(accessKeyLastUsed).length ? { accessKeyLastUsed } : {}),
    ...(r.boolean("recoveryProfile") ? { recoveryProfile: true } : {}),
  };
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const QUEUE_NAME = /^[\w-]{1,80}(\.fifo)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function parsePolicyHolder(name: RegExp): (r: Reader) => PolicyHolder {
  return (r) => {
    const policy = r.optionalString("policy");
    if (policy !== undefined) {
      try {
        JSON.parse(policy);
      } catch {
        throw new SeedError(`${r.path}.policy must be a policy document as a JSON string`);
      }
    }
    const holderName = r.string("name");
    if (!name.test(holderName)) throw new SeedError(`${r.path}.name must match ${name}`);
    const region = r.optionalString("region") ?? "us-east-1";
    if (!REGION.test(region)) throw new SeedError(`${r.path}.region must be a region such as us-east-1`);
    return { name: holderName, region, ...(policy !== undefined ? { policy } : {}) };
  };
}

function parseAccount(r: Reader): Account {
  const id = r.string("id", ACCOUNT_ID);
  const rootUser = r.has("rootUser")
    ? [
        parseRootUser(
          new Reader(r.record("rootUser"), `${r.path}.rootUser`, [
            "password",
            "accessKeys",
            "signingCertificates",
            "mfaDevices",
            "accessKeyLastUsed",
            "recoveryProfile",
          ]),
        ),
      ]
    : [];
  const organizationId = r.optionalString("organizationId", ORG_ID);
  const ouId = r.optionalString("ouId", OU_ID);
  return {
    id,
    name: r.optionalString("name") ?? `account-${id}`,
    email: r.optionalString("email") ?? `${id}@example.com`,
    ...(organizationId ? { organizationId } : {}),
    status: r.oneOf("status", ["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"] as const, "ACTIVE"),
    ...(ouId ? { ouId } : {}),
    ...(rootUser.length ? { rootUser: rootUser[0]! } : {}),
    ...(r.has("s3Buckets") ? { s3Buckets: each(r, "s3Buckets", HOLDER_KEYS, parsePolicyHolder(BUCKET_NAME)) } : {}),
    ...(r.has("sqsQueues") ? { sqsQueues: each(r, "sqsQueues", HOLDER_KEYS, parsePolicyHolder(QUEUE_NAME)) } : {}),
  };
}

const HOLDER_KEYS = ["name", "region", "policy"] as const;

const PERMISSION_KEYS = ["allowedActions", "policy"] as const;

function parsePermissions(r: Reader): Permissions {
  const out: Permissions = {};
  if (r.has("allowedActions")) out.allowedActions = r.strings("allowedActions", ACTION);
  if (r.has("policy")) {
    const doc = new Reader(r.record("policy"), `${r.path}.policy`, ["Version", "Statement"]);
    out.policy = {
      ...(doc.has("Version") ? { Version: doc.string("Version") } : {}),
      Statement: each(doc, "Statement", ["Sid", "Effect", "Action", "Resource", "Condition"], (s) => {
        if (s.o.Effect !== "Allow")
          throw new SeedError(`${s.path}.Effect must be "Allow" (the emulator models Allow statements only)`);
        const actions = typeof s.o.Action === "string" ? [s.string("Action", ACTION)] : s.strings("Action", ACTION);
        const statement: PolicyStatement = { Effect: "Allow", Action: actions };
        if (s.has("Sid")) statement.Sid = s.string("Sid");
        if (s.has("Resource")) statement.Resource = s.o.Resource as string | string[];
        if (s.has("Condition")) {
          const c = new Reader(s.record("Condition"), `${s.path}.Condition`, ["StringEquals"]);
          const eq = c.record("StringEquals");
          for (const [k, v] of Object.entries(eq)) {
            if (typeof v !== "string" && !(Array.isArray(v) && v.every((x) => typeof x === "string"))) {
              throw new SeedError(`${c.path}.StringEquals.${k} must be a string or an array of strings`);
            }
          }
          statement.Condition = { StringEquals: eq as Record<string, string | string[]> };
        }
        return statement;
      }),
    };
  }
  return out;
}

function parseAccessKey(r: Reader): AccessKey {
  const key: AccessKey = {
    accessKeyId: r.string("accessKeyId", ACCESS_KEY_ID),
    accountId: r.string("accountId", ACCOUNT_ID),
    ...parsePermissions(r),
  };
  if (r.boolean("temporary")) key.temporary = true;
  if (r.has("expiresAt")) key.expiresAt = r.number("expiresAt", 0);
  if (r.has("sessionTokenHash")) key.sessionTokenHash = r.string("sessionTokenHash", /^[0-9a-f]{64}$/);
  if (r.has("session")) {
    const s = new Reader(r.record("session"), `${r.path}.session`, ["kind", "roleArn", "sessionName", "roleId", "taskPolicy"]);
    key.session =
      s.oneOf("kind", ["role", "root"] as const, "role") === "root"
        ? { kind: "root", taskPolicy: s.string("taskPolicy") }
        : {
            kind: "role",
            roleArn: s.string("roleArn", ROLE_ARN),
            sessionName: s.string("sessionName"),
            roleId: s.string("roleId"),
          };
  }
  return key;
}

function parseRole(r: Reader): Role {
  const role: Role = { arn: r.string("arn", ROLE_ARN), ...parsePermissions(r) };
  if (r.has("maxSessionDurationSeconds")) role.maxSessionDurationSeconds = r.number("maxSessionDurationSeconds", 3600, 900);
  if (r.has("trustedAccountIds")) role.trustedAccountIds = r.strings("trustedAccountIds", /^\d{12}$/);
  return role;
}

function unique<T>(items: T[], keyOf: (t: T) => string, path: string, what: string): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    const earlier = first.get(k);
    if (earlier !== undefined)
      throw new SeedError(`${path}[${i}]: ${what} ${k} is listed more than once (also ${path}[${earlier}])`);
    first.set(k, i);
  });
}

function checkReferences(state: EmulatorState): void {
  unique(state.organizations, (o) => o.id, "organizations", "organization");
  unique(state.accounts, (a) => a.id, "accounts", "account");
  unique(state.accessKeys, (k) => k.accessKeyId, "accessKeys", "access key");
  unique(state.roles, (r) => r.arn, "roles", "role");
  unique(
    state.accounts.flatMap((a) => a.s3Buckets ?? []),
    (b) => b.name,
    "s3Buckets",
    "bucket",
  );
  for (const a of state.accounts)
    unique(a.sqsQueues ?? [], (q) => `${q.region}/${q.name}`, `accounts ${a.id} sqsQueues`, "queue");
  const accounts = new Map(state.accounts.map((a) => [a.id, a]));
  const orgIds = new Set(state.organizations.map((o) => o.id));
  state.organizations.forEach((org, i) => {
    const mgmt = accounts.get(org.managementAccountId);
    if (!mgmt) throw new SeedError(`organizations[${i}]: management account ${org.managementAccountId} is not in accounts`);
    if (mgmt.organizationId !== org.id)
      throw new SeedError(`account ${mgmt.id} manages ${org.id} so its organizationId must be ${org.id}`);
    org.delegatedAdministrators.forEach((d, j) => {
      if (accounts.get(d.accountId)?.organizationId !== org.id) {
        throw new SeedError(
          `organizations[${i}].delegatedAdministrators[${j}]: account ${d.accountId} is not a member of ${org.id} in accounts`,
        );
      }
    });
  });
  state.accounts.forEach((a, i) => {
    if (a.organizationId && !orgIds.has(a.organizationId)) {
      throw new SeedError(`accounts[${i}]: organization ${a.organizationId} is not in organizations`);
    }
  });
  state.accessKeys.forEach((k, i) => {
    if (!accounts.has(k.accountId)) throw new SeedError(`accessKeys[${i}]: account ${k.accountId} is not in accounts`);
  });
  state.roles.forEach((r, i) => {
    const account = ROLE_ARN.exec(r.arn)![1]!;
    if (!accounts.has(account)) throw new SeedError(`roles[${i}]: account ${account} is not in accounts`);
  });
  if (state.defaultAccountId !== null && !accounts.has(state.defaultAccountId)) {
    throw new SeedError(`defaultAccountId ${state.defaultAccountId} is not in accounts`);
  }
}

/**
 * Validates a seed (or persisted state) and fills defaults, so a typo in a scenario fails loudly at start-up, and a
 * state the emulator would later refuse to load is never accepted. Every message names the path of the problem.
 */
export function parseState(raw: unknown): EmulatorState {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new SeedError("seed must be a JSON object");
  const r = new Reader(raw as Json, "", ["organizations", "accounts", "accessKeys", "roles", "defaultAccountId", "faults"]);
  const defaultAccountId = r.has("defaultAccountId") ? r.string("defaultAccountId", ACCOUNT_ID) : null;
  const state: EmulatorState = {
    organizations: each(
      r,
      "organizations",
      [
        "id",
        "managementAccountId",
        "featureSet",
        "trustedServices",
        "delegatedAdministrators",
        "delegatedAdministratorLimits",
        "enabledRootFeatures",
        "serviceControlPolicies",
      ],
      parseOrganization,
    ),
    accounts: each(
      r,
      "accounts",
      ["id", "name", "email", "organizationId", "status", "ouId", "rootUser", "s3Buckets", "sqsQueues"],
      parseAccount,
    ),
    accessKeys: each(
      r,
      "accessKeys",
      ["accessKeyId", "accountId", ...PERMISSION_KEYS, "temporary", "expiresAt", "sessionTokenHash", "session"],
      parseAccessKey,
    ),
    roles: each(r, "roles", ["arn", ...PERMISSION_KEYS, "maxSessionDurationSeconds", "trustedAccountIds"], parseRole),
    defaultAccountId,
  };
  checkReferences(state);
  return state;
}
