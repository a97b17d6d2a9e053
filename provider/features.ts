/**
 * The feature names, taken from the AWS SDK's own enumeration so a new feature arrives with an SDK upgrade.
 */
import { FeatureType } from "@aws-sdk/client-iam";

/** A centralized root access feature: "RootCredentialsManagement" or "RootSessions". */
export type FeatureName = (typeof FeatureType)[keyof typeof FeatureType];

/** Every feature the IAM API knows, sorted. */
export const ALL_FEATURES: readonly FeatureName[] = Object.freeze([...Object.values(FeatureType)].sort());

export function isFeatureName(value: unknown): value is FeatureName {
  return typeof value === "string" && (ALL_FEATURES as readonly string[]).includes(value);
}

/** Sorted, de-duplicated copy: the one canonical form used in outputs and comparisons. */
export function canonical(features: Iterable<FeatureName>): FeatureName[] {
  return [...new Set(features)].sort();
}

export function sameFeatures(a: Iterable<FeatureName>, b: Iterable<FeatureName>): boolean {
  const x = canonical(a);
  const y = canonical(b);
  return x.length === y.length && x.every((f, i) => f === y[i]);
}
