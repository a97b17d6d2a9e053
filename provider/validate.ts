/**
 * Input validation for `check`: every mistake is reported with the property it concerns and the values that would
 * be accepted, before any AWS call. Values the engine does not know yet (during preview) are let through.
 */
import { ALL_FEATURES, isFeatureName } from "./features";
import { KINDS } from "./kinds";
import type { KindName, KindSpec } from "./kinds";

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

const CONNECTION_PROPERTIES = ["region", "profile", "roleArn"] as const;
// Plain arrays at module level: this module may be serialized by value into `__provider`, which loses Sets and Maps.
const INTERNAL_PROPERTIES = ["__provider"];

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

/** Returns every problem with a resource's inputs; an empty list means they are fine. */
export function validateInputs(kind: KindName, news: Record<string, unknown>): CheckFailure[] {
  const spec: KindSpec = KINDS[kind];
  const failures: CheckFailure[] = [];
  const allowed = new Set<string>([
    "organizationId",
    "importId",
    ...CONNECTION_PROPERTIES,
    ...(spec.fixed ? [] : ["enabledFeatures"]),
  ]);
  for (const key of Object.keys(news)) {
    if (INTERNAL_PROPERTIES.includes(key) || allowed.has(key)) continue;
    failures.push({ property: key, reason: `${kind} has no property "${key}"; valid properties: ${[...allowed].join(", ")}` });
  }
  if (!spec.fixed) checkFeatureList(failures, news.enabledFeatures);
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
  return failures;
}
