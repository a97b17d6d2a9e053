/**
 * The one decision every resource shares: given what is wanted and what is live, which items to add and which to
 * remove. Items are features, trusted service principals or delegated administrator accounts. Create, update and
 * delete are the same reconcile with different inputs (create owns nothing it did not ask for; delete wants nothing).
 */
import { canonical } from "./features";

export interface Plan<T extends string> {
  add: T[];
  remove: T[];
}

/**
 * @param desired items that must end up present
 * @param live items present now
 * @param scope items this resource owns: live items outside it are never removed
 */
export function reconcile<T extends string>(desired: Iterable<T>, live: Iterable<T>, scope: Iterable<T>): Plan<T> {
  const want = new Set(desired);
  const have = new Set(live);
  const owned = new Set(scope);
  return {
    add: canonical([...want].filter((f) => !have.has(f))),
    remove: canonical([...have].filter((f) => owned.has(f) && !want.has(f))),
  };
}

export function isEmptyPlan<T extends string>(plan: Plan<T>): boolean {
  return plan.add.length === 0 && plan.remove.length === 0;
}

/** How a resource words its two kinds of step, e.g. enable/disable or register/deregister. */
export interface Verbs {
  add: string;
  remove: string;
}

export const FEATURE_VERBS: Verbs = { add: "enable", remove: "disable" };

/** "enable RootSessions, disable RootCredentialsManagement": for messages. */
export function describePlan<T extends string>(plan: Plan<T>, verbs: Verbs = FEATURE_VERBS): string {
  return [...plan.add.map((f) => `${verbs.add} ${f}`), ...plan.remove.map((f) => `${verbs.remove} ${f}`)].join(", ");
}
