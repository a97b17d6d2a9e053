/**
 * The one decision every resource shares: given what is wanted and what is live, which features to switch.
 * Create, update and delete are the same reconcile with different inputs (delete wants nothing).
 */
import { canonical } from "./features";
import type { FeatureName } from "./features";

export interface Plan {
  enable: FeatureName[];
  disable: FeatureName[];
}

/**
 * @param desired features that must end up enabled
 * @param live features enabled now
 * @param scope features this resource owns: live features outside it are never disabled
 */
export function reconcile(desired: Iterable<FeatureName>, live: Iterable<FeatureName>, scope: Iterable<FeatureName>): Plan {
  const want = new Set(desired);
  const have = new Set(live);
  const owned = new Set(scope);
  return {
    enable: canonical([...want].filter((f) => !have.has(f))),
    disable: canonical([...have].filter((f) => owned.has(f) && !want.has(f))),
  };
}

export function isEmptyPlan(plan: Plan): boolean {
  return plan.enable.length === 0 && plan.disable.length === 0;
}

/** "enable RootSessions, disable RootCredentialsManagement": for messages. */
export function describePlan(plan: Plan): string {
  return [...plan.enable.map((f) => `enable ${f}`), ...plan.disable.map((f) => `disable ${f}`)].join(", ");
}
