/**
 * Input validation for `check`: every mistake is reported with the property it concerns and the values that would
 * be accepted, before any AWS call. Values the engine does not know yet (during preview) are let through.
 */
import { ALL_FEATURES, isFeatureName } from "./features";
import type { ResourceKind } from "./kinds";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** The engine's placeholder for a value that is only known after an update. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const PROFILE_PATTERN = /^[\w+=,.@/:-]{1,128}$/;
const MAX_SHOWN = 60;

const ACCOUNT_ID_PATTERN = /^\d{12}$/;
export const MAX_PROPAGATION_TIMEOUT_SECONDS = 3600;

// Plain arrays and objects at module level: this module may be serialized by value into `__provider`, which loses
// Sets and Maps.
const INTERNAL_PROPERTIES = ["__provider"];
const COMMON = ["organizationId", "region", "profile", "roleArn"];
const FEATURE = [...COMMON, "importId", "propagationTimeoutSeconds"];
const PROPERTIES: Record<ResourceKind, string[]> = {
  RootSessions: FEATURE,
  RootCredentialsManagement: FEATURE,
  OrganizationsFeatures: [...FEATURE, "enabledFeatures"],
  IamTrustedAccess: [...COMMON, "disableOnDelete"],
  IamDelegatedAdministrator: [...COMMON, "accountId"],
};

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

function checkString(failures: CheckFailure[], property: string, value: unknown, pattern: RegExp, expected: string): void {
  if (value === undefined || value === null || value === UNKNOWN) return;
  if (typeof value !== "string") {
    failures.push({ property, reason: `${property} must be a string (${expected}), got ${typeof value} ${show(value)}` });
  } else if (!pattern.test(value)) {
    failures.push({ property, reason: `${property} must be ${expected}, got ${show(value)}` });
  }
}

function checkFeatureList(failures: CheckFailure[], value: unknown): void {
  const valid = ALL_FEATURES.join(", ");
  if (value === UNKNOWN) return;
  if (value === undefined || value === null) {
    failures.push({ property: "enabledFeatures", reason: `enabledFeatures is required: a list of one or more of ${valid}` });
    return;
  }
  if (!Array.isArray(value)) {
    failures.push({ property: "enabledFeatures", reason: `enabledFeatures must be a list of ${valid}, got ${show(value)}` });
    return;
  }
  if (value.length === 0) {
    failures.push({
      property: "enabledFeatures",
      reason: `enabledFeatures must name at least one of ${valid}; to turn every feature off, delete the resource`,
    });
    return;
  }
  const seen = new Set<string>();
  value.forEach((item: unknown, i) => {
    const property = `enabledFeatures[${i}]`;
    if (item === UNKNOWN) return;
    if (!isFeatureName(item)) {
      const nearly =
        typeof item === "string" ? ALL_FEATURES.find((f) => f.toLowerCase() === item.trim().toLowerCase()) : undefined;
      const hint = nearly ? ` (did you mean "${nearly}"? names are case-sensitive)` : "";
      failures.push({ property, reason: `${property} is ${show(item)}, which is not a feature; valid values: ${valid}${hint}` });
    } else if (seen.has(item)) {
      failures.push({ property, reason: `${property}: "${item}" is listed more than once; list each feature once` });
    } else {
      seen.add(item);
    }
  });
}

function checkBoolean(failures: CheckFailure[], property: string, value: unknown): void {
  if (value === undefined || value === null || value === UNKNOWN || typeof value === "boolean") return;
  failures.push({ property, reason: `${property} must be true or false, got ${show(value)}` });
}

function checkSeconds(failures: CheckFailure[], property: string, value: unknown): void {
  if (value === undefined || value === null || value === UNKNOWN) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_PROPAGATION_TIMEOUT_SECONDS) {
    failures.push({
      property,
      reason: `${property} must be a whole number of seconds from 0 to ${MAX_PROPAGATION_TIMEOUT_SECONDS}, got ${show(value)}`,
    });
  }
}

/** Returns every problem with a resource's inputs; an empty list means they are fine. */
export function validateInputs(kind: ResourceKind, news: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const allowed = PROPERTIES[kind];
  for (const key of Object.keys(news)) {
    if (INTERNAL_PROPERTIES.includes(key) || allowed.includes(key)) continue;
    failures.push({ property: key, reason: `${kind} has no property "${key}"; valid properties: ${allowed.join(", ")}` });
  }
  if (allowed.includes("enabledFeatures")) checkFeatureList(failures, news.enabledFeatures);
  if (allowed.includes("accountId")) {
    if (news.accountId === undefined || news.accountId === null) {
      failures.push({
        property: "accountId",
        reason: "accountId is required: the 12-digit ID of the member account to register",
      });
    }
    checkString(failures, "accountId", news.accountId, ACCOUNT_ID_PATTERN, "a 12-digit AWS account ID such as 123456789012");
  }
  const orgIdShape = "an organization ID like o-a1b2c3d4e5 (^o-[a-z0-9]{10,32}$)";
  checkString(failures, "organizationId", news.organizationId, ORGANIZATION_ID_PATTERN, orgIdShape);
  checkString(failures, "importId", news.importId, ORGANIZATION_ID_PATTERN, `the \`import\` option's ID: ${orgIdShape}`);
  checkString(failures, "region", news.region, REGION_PATTERN, "an AWS Region name such as us-east-1");
  checkString(
    failures,
    "profile",
    news.profile,
    PROFILE_PATTERN,
    "a profile name from your AWS config file (1-128 characters, no spaces)",
  );
  checkString(failures, "roleArn", news.roleArn, ROLE_ARN_PATTERN, "an IAM role ARN like arn:aws:iam::123456789012:role/Name");
  checkBoolean(failures, "disableOnDelete", news.disableOnDelete);
  checkSeconds(failures, "propagationTimeoutSeconds", news.propagationTimeoutSeconds);
  return failures;
}
