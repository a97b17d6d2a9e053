/**
 * Input validation for `check`: every mistake is reported with the property it concerns and the values that would
 * be accepted, before any AWS call. Values the engine does not know yet (during preview) are let through. Each
 * resource kind lists the properties it takes; this module knows how to check each property.
 */
import { ALL_FEATURES, isFeatureName } from "./features";
import { CREDENTIAL_KINDS, isCredentialKind } from "./rootCredentials";
import { printable } from "../errors";
import { CONNECTION_KEYS } from "./target";
import type { ConnectionValues } from "./target";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The engine's placeholder for a value that is only known after an update. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value is, or holds, a value the engine does not know yet. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** The organization ID the messages and docs use as an example. */
export const EXAMPLE_ORGANIZATION_ID = "o-a1b2c3d4e5";
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PROFILE_PATTERN = /^[\w+=,.@/:-]{1,128}$/;
const MAX_SHOWN = 60;
export const MAX_PROPAGATION_TIMEOUT_SECONDS = 3600;

/** Shows a value a user gave, shortened: echoed input must stay readable. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return printable(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text);
}

type Checker = (failures: CheckFailure[], property: string, value: unknown) => void;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function stringMatching(pattern: RegExp, expected: string): Checker {
  return (failures, property, value) => {
    if (isAbsent(value) || value === UNKNOWN) return;
    if (typeof value !== "string") {
      failures.push({ property, reason: `${property} must be a string (${expected}), got ${typeof value} ${show(value)}` });
    } else if (!pattern.test(value)) {
      failures.push({ property, reason: `${property} must be ${expected}, got ${show(value)}` });
    }
  };
}

function required(what: string, checker: Checker): Checker {
  return (failures, property, value) => {
    if (isAbsent(value)) failures.push({ property, reason: `${property} is required: ${what}` });
    else checker(failures, property, value);
  };
}

/** A list of distinct names from `valid`, with a hint for a name that differs only in case or spacing. */
function namesFrom(valid: readonly string[], isValid: (v: unknown) => boolean, noun: string): Checker {
  const listed = valid.join(", ");
  return (failures, property, value) => {
    if (isAbsent(value) || value === UNKNOWN) return;
    if (!Array.isArray(value)) {
      failures.push({ property, reason: `${property} must be a list of ${listed}, got ${show(value)}` });
      return;
    }
    const seen = new Set<string>();
    value.forEach((item: unknown, i) => {
      const at = `${property}[${i}]`;
      if (item === UNKNOWN) return;
      if (!isValid(item)) {
        const nearly = typeof item === "string" ? valid.find((v) => v.toLowerCase() === item.trim().toLowerCase()) : undefined;
        const hint = nearly ? ` (did you mean "${nearly}"? names are case-sensitive)` : "";
        failures.push({ property: at, reason: `${at} is ${show(item)}, which is not a ${noun}; valid values: ${listed}${hint}` });
      } else if (seen.has(item as string)) {
        failures.push({ property: at, reason: `${at}: "${String(item)}" is listed more than once; list each ${noun} once` });
      } else {
        seen.add(item as string);
      }
    });
  };
}

const featureNames = namesFrom(ALL_FEATURES, isFeatureName, "feature");

/** Required and never empty (deleting the resource turns features off); otherwise the names are checked. */
const checkFeatureList: Checker = (failures, property, value) => {
  const valid = ALL_FEATURES.join(", ");
  if (isAbsent(value)) {
    failures.push({ property, reason: `${property} is required: a list of one or more of ${valid}` });
  } else if (Array.isArray(value) && value.length === 0) {
    failures.push({
      property,
      reason: `${property} must name at least one of ${valid}; to turn every feature off, delete the resource`,
    });
  } else {
    featureNames(failures, property, value);
  }
};

const checkBoolean: Checker = (failures, property, value) => {
  if (isAbsent(value) || value === UNKNOWN || typeof value === "boolean") return;
  failures.push({ property, reason: `${property} must be true or false, got ${show(value)}` });
};

const checkSeconds: Checker = (failures, property, value) => {
  if (isAbsent(value) || value === UNKNOWN) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_PROPAGATION_TIMEOUT_SECONDS) {
    failures.push({
      property,
      reason: `${property} must be a whole number of seconds from 0 to ${MAX_PROPAGATION_TIMEOUT_SECONDS}, got ${show(value)}`,
    });
  }
};

/** Set by `OrganizationRootCredentials` on its children: the selection of accounts audited together. */
const checkAuditGroup: Checker = (failures, property, value) => {
  if (isAbsent(value) || value === UNKNOWN) return;
  const ok =
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([k, ids]) =>
        (k === "accountIds" || k === "excludeAccountIds") &&
        Array.isArray(ids) &&
        ids.every((id) => typeof id === "string" && ACCOUNT_ID_PATTERN.test(id)),
    );
  if (!ok)
    failures.push({
      property,
      reason: `${property} is set by OrganizationRootCredentials: {accountIds?, excludeAccountIds?} of 12-digit account IDs, got ${show(value)}`,
    });
};

const ORGANIZATION_ID_SHAPE = `an organization ID like ${EXAMPLE_ORGANIZATION_ID} (^o-[a-z0-9]{10,32}$)`;

// A plain object at module level: this module may be serialized by value into `__provider`, which loses Maps.
/** How each property any resource takes is checked. */
const CHECKS: Record<string, Checker> = {
  organizationId: stringMatching(ORGANIZATION_ID_PATTERN, ORGANIZATION_ID_SHAPE),
  region: stringMatching(REGION_PATTERN, "an AWS Region name such as us-east-1"),
  profile: stringMatching(PROFILE_PATTERN, "a profile name from your AWS config file (1-128 characters, no spaces)"),
  roleArn: stringMatching(ROLE_ARN_PATTERN, "an IAM role ARN like arn:aws:iam::123456789012:role/Name"),
  importId: stringMatching(
    new RegExp(`${ORGANIZATION_ID_PATTERN.source}|${ACCOUNT_ID_PATTERN.source}`),
    `the \`import\` option's ID: ${ORGANIZATION_ID_SHAPE}, or for MemberRootCredentials its 12-digit account ID`,
  ),
  propagationTimeoutSeconds: checkSeconds,
  enabledFeatures: checkFeatureList,
  disableOnDelete: checkBoolean,
  removeAdoptedOnDelete: checkBoolean,
  accountId: required(
    "the 12-digit ID of the member account",
    stringMatching(ACCOUNT_ID_PATTERN, "a 12-digit AWS account ID such as 123456789012"),
  ),
  remove: namesFrom(CREDENTIAL_KINDS, isCredentialKind, "kind of root credential"),
  allowPasswordRecovery: checkBoolean,
  auditTogether: checkAuditGroup,
};

/** Whether `check` knows how to check a property. */
export function hasCheck(property: string): boolean {
  return Object.hasOwn(CHECKS, property);
}

/**
 * Set by the program on a resource's inputs while Pulumi previews (only the program knows: the provider host is not
 * told), so that `check` plans a create then, and only then. `check` removes it: it never reaches state.
 */
export const PREVIEWING = "__previewing";

/** A create's inputs without the preview marker, and whether it was set. */
export function splitPreviewing(news: Record<string, unknown>): { previewing: boolean; inputs: Record<string, unknown> } {
  // No computed key in a destructuring: Pulumi's by-value serializer drops the constant it names.
  const inputs = { ...news };
  const marker = inputs[PREVIEWING];
  delete inputs[PREVIEWING];
  return { previewing: marker === true, inputs };
}

/** Properties the engine adds to every dynamic resource, and the package's own marker. */
const INTERNAL_PROPERTIES = ["__provider", PREVIEWING];

/** A check across properties, for combinations that are wrong though each value is fine. */
export type CrossCheck = (news: Record<string, unknown>) => CheckFailure[];

/** A kind keyed by its organization is imported by the organization ID. */
export const importIsOrganization: CrossCheck = (news) =>
  typeof news.importId === "string" && !ORGANIZATION_ID_PATTERN.test(news.importId)
    ? [
        {
          property: "importId",
          reason: `importId must be the organization ID (o-…), the resource's ID, got ${show(news.importId)}`,
        },
      ]
    : [];

/** MemberRootCredentials is imported by its account ID, which must be the account it declares. */
export const importIsTheAccount: CrossCheck = (news) =>
  news.importId !== undefined && news.importId !== news.accountId
    ? [
        {
          property: "importId",
          reason: `importId must be the declared accountId ${show(news.accountId)}, the resource's ID, got ${show(news.importId)}`,
        },
      ]
    : [];

/**
 * `allowPasswordRecovery` keeps a login profile that removing `password` would delete: they cannot go together. Only
 * an explicit `remove` can clash: with recovery, the default leaves the password out.
 */
export const recoveryConflict: CrossCheck = (news) => {
  if (news.allowPasswordRecovery !== true || !Array.isArray(news.remove) || !news.remove.includes("password")) return [];
  return [
    {
      property: "allowPasswordRecovery",
      reason:
        'allowPasswordRecovery keeps a password-less login profile, but remove includes "password", which deletes it; ' +
        'drop "password" from remove, or set allowPasswordRecovery to false',
    },
  ];
};

/**
 * Returns every problem with a resource's inputs; an empty list means they are fine.
 * @param kind the resource kind, for messages
 * @param properties every property the kind takes
 */
export function validateInputs(
  kind: string,
  properties: readonly string[],
  news: Record<string, unknown>,
  crossChecks: readonly CrossCheck[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (INTERNAL_PROPERTIES.includes(key) || properties.includes(key)) continue;
    failures.push({
      property: printable(key),
      reason: `${kind} has no property ${show(key)}; valid properties: ${properties.join(", ")}`,
    });
  }
  for (const property of properties) {
    if (Object.hasOwn(CHECKS, property)) CHECKS[property]!(failures, property, news[property]);
  }
  if (failures.length === 0) for (const cross of crossChecks) failures.push(...cross(news));
  return failures;
}

/** Connection settings from configuration (`aws:region`, …) get the checks of the inputs they stand in for. */
export function validateConfigSettings(namespace: string, settings: ConnectionValues): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of CONNECTION_KEYS) CHECKS[key]!(failures, `${namespace}:${key}`, settings[key]);
  return failures;
}

/** The bounds of the fleet audit's concurrency. */
export const MAX_AUDIT_CONCURRENCY = 64;
export const AUDIT_FORMATS = ["table", "json", "csv"] as const;

/** Checks the options of `auditRootCredentials` and the `audit` CLI, before any AWS call. */
export function validateAuditOptions(options: Record<string, unknown>): CheckFailure[] {
  return validateFleetOptions("audit", options);
}

/** Options naming no known option, each a failure that lists the valid ones. */
function unknownOptions(command: string, options: Record<string, unknown>, allowed: readonly string[]): CheckFailure[] {
  return Object.keys(options)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      property: printable(key),
      reason: `${command} has no option ${show(key)}; valid options: ${allowed.join(", ")}`,
    }));
}

/**
 * Checks the options of a command over the organization's member accounts (the audit, the search for locked
 * resources), before any AWS call.
 */
export function validateFleetOptions(command: string, options: Record<string, unknown>): CheckFailure[] {
  const failures = unknownOptions(command, options, ["accounts", "concurrency", "format", ...CONNECTION_KEYS, "onProgress"]);
  const accounts = options.accounts;
  if (accounts !== undefined && accounts !== "all") {
    if (!Array.isArray(accounts) || accounts.length === 0) {
      failures.push({
        property: "accounts",
        reason: `accounts must be "all" or a list of 12-digit account IDs, got ${show(accounts)}`,
      });
    } else {
      const seen = new Set<unknown>();
      accounts.forEach((id: unknown, i) => {
        if (typeof id !== "string" || !ACCOUNT_ID_PATTERN.test(id)) {
          failures.push({
            property: `accounts[${i}]`,
            reason: `accounts[${i}] must be a 12-digit AWS account ID, got ${show(id)}`,
          });
        } else if (seen.has(id)) {
          failures.push({ property: `accounts[${i}]`, reason: `accounts[${i}]: ${id} is listed more than once` });
        }
        seen.add(id);
      });
    }
  }
  const c = options.concurrency;
  if (c !== undefined && (typeof c !== "number" || !Number.isInteger(c) || c < 1 || c > MAX_AUDIT_CONCURRENCY)) {
    failures.push({
      property: "concurrency",
      reason: `concurrency must be a whole number from 1 to ${MAX_AUDIT_CONCURRENCY}, got ${show(c)}`,
    });
  }
  const f = options.format;
  if (f !== undefined && !(AUDIT_FORMATS as readonly unknown[]).includes(f)) {
    failures.push({ property: "format", reason: `format must be one of ${AUDIT_FORMATS.join(", ")}, got ${show(f)}` });
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    failures.push({ property: "onProgress", reason: `onProgress must be a function, got ${show(options.onProgress)}` });
  }
  for (const property of CONNECTION_KEYS) CHECKS[property]!(failures, property, options[property]);
  return failures;
}

/** S3's rules for bucket names (general purpose buckets). */
export const BUCKET_NAME_PATTERN = /^(?!xn--|sthree-|amzn-s3-demo-)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** SQS's rules for queue names: up to 80 letters, digits, hyphens and underscores, `.fifo` for a FIFO queue. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,75}(\.fifo)?$|^[A-Za-z0-9_-]{1,80}$/;
/** A queue URL: `https://sqs.<region>.amazonaws.com/<account>/<name>`, or any endpoint's `/<account>/<name>`. */
const QUEUE_URL_PATTERN = /^https?:\/\/[^/\s]+\/(\d{12})\/([^/\s]+)\/?$/;

/** What `unlock` is given: the account and the bucket or queue (a name, or a queue's URL). */
export interface UnlockTarget {
  accountId: string;
  /** A bucket name, or a queue name or URL. */
  resource: string;
}

/** Checks the options of `unlockBucketPolicy` / `unlockQueuePolicy` and the `unlock` CLI, before any AWS call. */
export function validateUnlockOptions(service: "s3" | "sqs", options: Record<string, unknown>): CheckFailure[] {
  const key = service === "s3" ? "bucket" : "queue";
  const failures = unknownOptions(`unlock ${service}`, options, ["accountId", key, ...CONNECTION_KEYS]);
  const accountId = options.accountId;
  if (typeof accountId !== "string" || !ACCOUNT_ID_PATTERN.test(accountId))
    failures.push({ property: "accountId", reason: `accountId must be a 12-digit AWS account ID, got ${show(accountId)}` });
  const resource = options[key];
  if (service === "s3") {
    if (typeof resource !== "string" || !BUCKET_NAME_PATTERN.test(resource))
      failures.push({
        property: "bucket",
        reason:
          "bucket must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and " +
          `ending with a letter or digit, got ${show(resource)}`,
      });
  } else if (typeof resource !== "string") {
    failures.push({ property: "queue", reason: `queue must be a queue name or URL, got ${show(resource)}` });
  } else if (/^https?:/.test(resource)) {
    const m = QUEUE_URL_PATTERN.exec(resource);
    if (!m)
      failures.push({
        property: "queue",
        reason: `queue must be a queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/my-queue, got ${show(resource)}`,
      });
    else if (typeof accountId === "string" && m[1] !== accountId)
      failures.push({
        property: "queue",
        reason: `queue ${show(resource)} belongs to account ${m[1]}, not to accountId ${show(accountId)}: a root session reaches its own account's queues only`,
      });
    else if (!QUEUE_NAME_PATTERN.test(m[2]!))
      failures.push({ property: "queue", reason: `queue URL ${show(resource)} does not end in a valid queue name` });
  } else if (!QUEUE_NAME_PATTERN.test(resource)) {
    failures.push({
      property: "queue",
      reason: `queue must be a queue name (up to 80 letters, digits, hyphens and underscores, or a name ending in .fifo) or a queue URL, got ${show(resource)}`,
    });
  }
  for (const property of CONNECTION_KEYS) CHECKS[property]!(failures, property, options[property]);
  return failures;
}
