/**
 * What the commands over an organization's member accounts share (the root credentials audit, the search for
 * locked resources): the accounts to visit, with their names and status, and one error said once when every
 * account failed with it alike.
 */
import { mapLimit } from "../core/rootCredentials";
import { mapAwsError } from "../errors";
import { organizationAccounts, organizationReached } from "./accounts";
import type { AwsApi, OrganizationInfo } from "./api";

/** An account to visit: its ID, and its name and status when the organization's listing was read. */
export interface FleetAccount {
  accountId: string;
  name?: string;
  status?: string;
}

/**
 * The organization and the accounts to visit: every account of the organization (the management account too), or
 * those named. Named accounts need the listing only for their names and status, so it may fail without failing.
 */
export async function fleetAccounts(
  api: AwsApi,
  accounts: "all" | string[] | undefined,
): Promise<{ org: OrganizationInfo; accounts: FleetAccount[] }> {
  const chosen = Array.isArray(accounts) ? accounts : undefined;
  const org = await organizationReached(api);
  const listed = chosen ? await organizationAccounts(api, org).catch(() => undefined) : await organizationAccounts(api, org);
  const byId = new Map((listed ?? []).map((a) => [a.id, a]));
  const ids = chosen ?? (listed ?? []).map((a) => a.id);
  return {
    org,
    accounts: ids.map((id) => {
      const known = byId.get(id);
      return { accountId: id, ...(known ? { name: known.name, status: known.status } : {}) };
    }),
  };
}

/**
 * One error that every visited account failed with alike (a feature off, the caller refused root sessions): said
 * once for the organization, and each row refers to it.
 */
export function sharedError(rows: Array<{ accountId: string; error?: { name: string; message: string } }>) {
  const each = rows.map((r) => r.error && { name: r.error.name, message: r.error.message.split(r.accountId).join("<account>") });
  const first = each[0];
  if (rows.length < 2 || !first || each.some((e) => !e || e.name !== first.name || e.message !== first.message)) return undefined;
  for (const row of rows) row.error = { name: first.name, message: "the organization-level error above (organizationError)" };
  return { name: first.name, message: first.message.split("<account>").join("each member account") };
}

/**
 * Runs `work` for each account, `concurrency` at a time. One account failing never stops the others: its failure,
 * as the package's error for `action`, goes into its row. `onProgress` hears after each account.
 */
export async function visitAccounts<R extends FleetAccount & { error?: { name: string; message: string } }>(
  rows: R[],
  concurrency: number,
  onProgress: ((done: number, total: number) => void) | undefined,
  action: (accountId: string) => string,
  work: (row: R) => Promise<void>,
): Promise<void> {
  let done = 0;
  await mapLimit(rows, concurrency, async (row) => {
    try {
      await work(row);
    } catch (e) {
      const mapped = mapAwsError(e, { action: action(row.accountId), accountId: row.accountId });
      row.error = { name: mapped.name, message: mapped.message };
    }
    onProgress?.(++done, rows.length);
  });
}
