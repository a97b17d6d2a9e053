/**
 * Calling AWS from a lifecycle: the one wrapper that maps AWS errors (after a look at which organization the
 * credentials reach), the organization reached, the rule for an organization that is gone, and applying a plan.
 */
import { ChangeIncompleteError, isOrganizationGone } from "../errors";
import type { ErrorContext } from "../errors";
import { guardOrganization } from "../core/organizationGuard";
import type { Expected } from "../core/organizationGuard";
import { claimant } from "../core/claims";
import type { Plan, Verbs } from "../core/reconcile";
import { bestEffort, diagnose } from "../aws";
import type { AwsApi, OrganizationInfo } from "../aws";
import type { Props, Reporter } from "./provider";

/** Every AWS call of a lifecycle goes through here, so every failure is mapped the same way. */
export async function awsCall<T>(api: AwsApi, context: ErrorContext, fn: () => Promise<T>, expected?: Expected): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw await diagnose(api, e, context, expected);
  }
}

/** The organization the credentials reach, checked by the guard. */
export async function reachedOrganization(
  api: AwsApi,
  context: ErrorContext,
  expected: Expected | undefined,
  inputs: Props,
): Promise<OrganizationInfo> {
  const org = await awsCall(api, context, () => api.organizations.describeOrganization(), expected);
  guardOrganization(context.action, org.id, expected, inputs);
  return org;
}

/** What refresh and delete do when the organization is gone, for `unlessGone`. */
export const WHEN_GONE = {
  read: "refresh removes the resource from the stack",
  delete: "nothing is left to change, so the resource is deleted from the stack",
} as const;

/**
 * Runs the read an operation starts with. When the credentials reach no organization at all, refresh drops the
 * resource and delete succeeds, because nothing is left to change. Wrong credentials look the same, so the message
 * names the account they belong to; undoing a wrong drop is harmless, since create adopts whatever is live.
 */
export async function unlessGone<T>(
  api: AwsApi,
  kind: string,
  organizationId: string | undefined,
  consequence: string,
  report: Reporter,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (!isOrganizationGone(e)) throw e;
    const account = await bestEffort(() => api.sts.callerAccountId());
    report(
      `${kind}: the credentials${account ? ` (account ${account})` : ""} reach no AWS Organization, so organization ` +
        `${organizationId ?? "(unknown)"} is gone or these are not its credentials; ${consequence}. If the credentials ` +
        "are wrong, run `pulumi up` with the right ones: the resource is adopted again without any change in AWS.",
    );
    return undefined;
  }
}

/** How a kind applies a plan: its wording, the call for one item, and how it reports a partial failure. */
export interface Applier<T extends string> {
  verbs: Verbs;
  set: (item: T, present: boolean) => Promise<unknown>;
  /** What an error about one item should say about it beyond the step, e.g. the account it concerns. */
  contextOf?: (item: T) => Partial<ErrorContext>;
  Incomplete?: typeof ChangeIncompleteError;
}

/**
 * Runs a plan, one call per item, additions before removals. If a call fails after others succeeded, the error
 * says which succeeded, so the organization's state is never a guess.
 */
export async function applyPlan<T extends string>(
  api: AwsApi,
  organizationId: string,
  plan: Plan<T>,
  applier: Applier<T>,
): Promise<void> {
  const { verbs, set, contextOf, Incomplete = ChangeIncompleteError } = applier;
  const done: string[] = [];
  const steps = [...plan.add.map((item) => [item, true] as const), ...plan.remove.map((item) => [item, false] as const)];
  for (const [item, present] of steps) {
    const step = `${present ? verbs.add : verbs.remove} ${item}`;
    try {
      await set(item, present);
    } catch (e) {
      const mapped = await diagnose(api, e, { action: step, organizationId, ...contextOf?.(item) });
      if (done.length === 0) throw mapped;
      throw new Incomplete(organizationId, done, step, mapped);
    }
    done.push(step);
  }
}

/**
 * The delete rule of every kind: an item another resource of this deployment took over (a rename, a change of
 * style) is left as it is, and the user is told.
 */
export function unclaimed<T extends string>(
  kind: string,
  organizationId: string,
  items: T[],
  claimKey: (item: T) => string,
  describe: (item: T) => string,
  report: Reporter,
): T[] {
  return items.filter((item) => {
    const by = claimant(organizationId, claimKey(item));
    if (by) {
      report(
        `${kind}: leaving ${describe(item)} in organization ${organizationId}, because ${by} now manages it ` +
          "(declared in this same deployment); nothing was changed for it.",
      );
    }
    return by === undefined;
  });
}

/** The input that lets delete remove what the resource adopted on create. */
export const REMOVE_ADOPTED = "removeAdoptedOnDelete";

/** What create says of what it adopted, so nobody is surprised that destroy leaves it. */
export function adoptedOnDeleteNote(subject: string): string {
  return `deleting this resource leaves ${subject} as it was found (set \`${REMOVE_ADOPTED}: true\` to remove ${subject} then)`;
}

/**
 * The second delete rule: an item that was present before the resource adopted it on create predates the program,
 * so delete leaves it as it found it and says so, unless the resource opted in with `removeAdoptedOnDelete`.
 */
export function notAdopted<T extends string>(
  kind: string,
  organizationId: string,
  items: T[],
  adopted: readonly string[],
  props: Props,
  describe: (item: T) => string,
  report: Reporter,
): T[] {
  if (props[REMOVE_ADOPTED] === true) return items;
  return items.filter((item) => {
    if (!adopted.includes(item)) return true;
    report(
      `${kind}: leaving ${describe(item)} in organization ${organizationId}, because it was so before this resource ` +
        `adopted it; nothing was changed for it. Set \`${REMOVE_ADOPTED}: true\` to remove what a resource adopted when it is deleted.`,
    );
    return false;
  });
}

/** An organization-level item list as it is live: the organization reached, and the items present. */
export interface LiveItems {
  org: OrganizationInfo;
  items: string[];
}

/** Reads the organization reached (guarded) and then a list of its items, errors mapped on the way. */
export async function readOrganizationItems(
  api: AwsApi,
  context: ErrorContext,
  expected: Expected | undefined,
  inputs: Props,
  list: () => Promise<string[]>,
): Promise<LiveItems> {
  const org = await reachedOrganization(api, context, expected, inputs);
  return { org, items: await awsCall(api, { ...context, organizationId: org.id }, list, expected) };
}
