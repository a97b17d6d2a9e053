/**
 * A diff as Pulumi shows it property by property: what the program changed (old inputs against new ones) and where
 * the live state drifted (what the kind's diff found), each with its kind of change.
 */
import type { KindDiff, PropertyChange } from "../providers/provider";
import type { Props } from "./protocol";

export interface DetailedDiff {
  /** Property path → change, e.g. `enabledFeatures[1]` → add. */
  changes: Record<string, PropertyChange>;
  /** The paths whose change replaces the resource. */
  replaces: ReadonlySet<string>;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What the program changed, for the given input properties; lists of names element by element. */
export function inputChanges(olds: Props, news: Props, properties: readonly string[]): Record<string, PropertyChange> {
  const changes: Record<string, PropertyChange> = {};
  for (const p of properties) {
    const before = olds[p];
    const after = news[p];
    if (same(before, after)) continue;
    if (before === undefined) changes[p] = "add";
    else if (after === undefined) changes[p] = "delete";
    else if (Array.isArray(before) && Array.isArray(after)) {
      after.forEach((v, i) => {
        if (!before.some((b) => same(b, v))) changes[`${p}[${i}]`] = "add";
      });
      // The same items in another order add no line: these lists are sets, and the kind's diff decides.
      before.forEach((v, i) => {
        if (!after.some((a) => same(a, v))) changes[`${p}[${i}]`] = "delete";
      });
    } else changes[p] = "update";
  }
  return changes;
}

/** The kind's diff and the program's changes, as one property-level diff. */
export function detailedDiff(result: KindDiff, olds: Props, news: Props, properties: readonly string[]): DetailedDiff {
  const changes = { ...inputChanges(olds, news, properties), ...(result.drift ?? {}) };
  const replaces = new Set(result.replaces ?? []);
  for (const p of replaces) changes[p] ??= "update";
  return { changes, replaces };
}
