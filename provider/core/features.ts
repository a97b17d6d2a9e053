/**
 * The centralized root access features, as the package's own list (a lockfile bump of the AWS SDK must not change
 * what `CentralizedRootAccess` enables by default or what `OrganizationsFeatures` owns), and the IAM service principal.
 */

/** Every feature the package manages, sorted. */
export const ALL_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;

/** A centralized root access feature: "RootCredentialsManagement" or "RootSessions". */
export type FeatureName = (typeof ALL_FEATURES)[number];

export function isFeatureName(value: unknown): value is FeatureName {
  return typeof value === "string" && (ALL_FEATURES as readonly string[]).includes(value);
}

/** Sorted, de-duplicated copy: the one canonical form used in outputs and comparisons. */
export function canonical<T extends string>(items: Iterable<T>): T[] {
  return [...new Set(items)].sort();
}

export function sameItems<T extends string>(a: Iterable<T>, b: Iterable<T>): boolean {
  const x = canonical(a);
  const y = canonical(b);
  return x.length === y.length && x.every((f, i) => f === y[i]);
}

/** The service principal whose trusted access and delegated administrator centralized root access relies on. */
export const IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";
