/**
 * What this deployment has declared so far, across every resource of the package: a feature enabled, trusted
 * access on, a delegated administrator registered. The engine diffs every declared resource (and creates or
 * updates it) before it deletes the resources a program no longer declares, and runs them all in one
 * dynamic-provider process. So when a resource is renamed or restyled, the delete of the old one can see that the
 * new one declares its item, and leave the item alone instead of undoing the declaration that replaced it. Diff
 * claims too, not only create and update: the delete may run in a later `pulumi up` than the create (after a
 * `--target` of the new resource, or as the retry of a failed delete), when the new resource is unchanged.
 */

// On globalThis, under a plain string: the provider may be serialized by value into several closures, each with its
// own copy of this module, and they must all share one record.
const GLOBAL_KEY = "__pulumiAwsRootAccessDeploymentClaims";

type Claims = Record<string, string>;

function record(): Claims {
  const holder = globalThis as unknown as Record<string, Claims | undefined>;
  return (holder[GLOBAL_KEY] ??= {});
}

function key(organizationId: string, item: string): string {
  return `${organizationId}/${item}`;
}

/** Notes that `kind`, declared in this deployment, wants `item` present in the organization. */
export function claim(organizationId: string, item: string, kind: string): void {
  record()[key(organizationId, item)] = kind;
}

/** The kind that took `item` over in this deployment, if one did. */
export function claimant(organizationId: string, item: string): string | undefined {
  const claims = record();
  const k = key(organizationId, item);
  return Object.hasOwn(claims, k) ? claims[k] : undefined;
}

/** Forgets every claim: a new deployment starts in a new process, and tests that run many in one process say so. */
export function forgetClaims(): void {
  delete (globalThis as unknown as Record<string, unknown>)[GLOBAL_KEY];
}
