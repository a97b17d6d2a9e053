/**
 * Injected faults for reliability tests. Every rule is bounded in count, and latency in time, so a test that
 * forgets to clear them still ends.
 */

export type FaultKind = "throttle" | "serverError" | "dropConnection" | "latency";

export interface FaultRule {
  kind: FaultKind;
  /** How many matching calls the rule affects before it is spent. */
  count: number;
  /** Operation names it applies to; all operations when absent. */
  operations?: string[];
  /** Matching calls to let through untouched before the rule starts (success-then-failure). */
  after?: number;
  /** Latency only: delay per call. */
  ms?: number;
}

export interface FaultConfig {
  rules?: FaultRule[];
  /** After EnableAWSServiceAccess for IAM, IAM answers ServiceAccessNotEnabled for this long. */
  propagationDelayMs?: number;
}

export const MAX_FAULT_COUNT = 10_000;
export const MAX_LATENCY_MS = 30_000;
export const MAX_PROPAGATION_MS = 10 * 60_000;

const KINDS: readonly FaultKind[] = ["throttle", "serverError", "dropConnection", "latency"];

export class FaultConfigError extends Error {
  override readonly name = "FaultConfigError";
}

function boundedInt(v: unknown, what: string, max: number, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new FaultConfigError(`${what} must be an integer from 0 to ${max}`);
  }
  return v;
}

function refuseUnknownKeys(o: Record<string, unknown>, path: string, known: readonly string[]): void {
  const unknown = Object.keys(o).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new FaultConfigError(`${path} has no key ${JSON.stringify(unknown[0]!.slice(0, 64))}; known keys: ${known.join(", ")}`);
  }
}

export function parseFaults(raw: unknown): Required<FaultConfig> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new FaultConfigError("faults must be an object");
  const r = raw as Record<string, unknown>;
  // A typo must not pass as "no rules": every key is one this module knows.
  refuseUnknownKeys(r, "faults", ["rules", "propagationDelayMs"]);
  const rulesRaw = r.rules ?? [];
  if (!Array.isArray(rulesRaw)) throw new FaultConfigError("faults.rules must be an array");
  const rules = rulesRaw.map((x: unknown, i): FaultRule => {
    if (typeof x !== "object" || x === null) throw new FaultConfigError(`faults.rules[${i}] must be an object`);
    const o = x as Record<string, unknown>;
    refuseUnknownKeys(o, `faults.rules[${i}]`, ["kind", "count", "operations", "after", "ms"]);
    if (!KINDS.includes(o.kind as FaultKind)) {
      throw new FaultConfigError(`faults.rules[${i}].kind must be one of ${KINDS.join(", ")}`);
    }
    const rule: FaultRule = {
      kind: o.kind as FaultKind,
      count: boundedInt(o.count, `faults.rules[${i}].count`, MAX_FAULT_COUNT),
    };
    if (o.operations !== undefined) {
      if (!Array.isArray(o.operations) || o.operations.some((op) => typeof op !== "string")) {
        throw new FaultConfigError(`faults.rules[${i}].operations must be an array of operation names`);
      }
      rule.operations = o.operations as string[];
    }
    if (o.after !== undefined) rule.after = boundedInt(o.after, `faults.rules[${i}].after`, MAX_FAULT_COUNT);
    if (rule.kind === "latency") rule.ms = boundedInt(o.ms, `faults.rules[${i}].ms`, MAX_LATENCY_MS);
    return rule;
  });
  return {
    rules,
    propagationDelayMs: boundedInt(r.propagationDelayMs, "faults.propagationDelayMs", MAX_PROPAGATION_MS, 0),
  };
}

export interface FaultDecision {
  latencyMs: number;
  /** The fault that replaces the answer, if any (latency alone still lets the call through). */
  failure?: Exclude<FaultKind, "latency">;
}

/** Consumes the rules that match one call and says what to do to it. */
export class FaultPlan {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  pending(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  decide(operation: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.count <= 0 || (rule.operations && !rule.operations.includes(operation))) continue;
      if (rule.after && rule.after > 0) {
        rule.after -= 1;
        continue;
      }
      if (rule.kind === "latency") {
        rule.count -= 1;
        decision.latencyMs += rule.ms ?? 0;
      } else if (!decision.failure) {
        rule.count -= 1;
        decision.failure = rule.kind;
      }
    }
    this.rules = this.rules.filter((r) => r.count > 0);
    decision.latencyMs = Math.min(decision.latencyMs, MAX_LATENCY_MS);
    return decision;
  }
}
