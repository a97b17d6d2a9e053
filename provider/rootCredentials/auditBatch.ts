/**
 * Audits of the member accounts of one `OrganizationRootCredentials`, run together. The engine calls each
 * `MemberRootCredentials` diff one after the other, so a preview of N accounts would wait for N chains of audit
 * calls in a row. Instead, the first diff of a group audits its own account at once and every other account of the
 * group as the listing's pages arrive, with bounded concurrency, and each later diff of that operation takes its own
 * account's result. Each resource keeps its own diff, drift and failure: a result is that account's audit, or its
 * error.
 *
 * Staleness rule: a result is taken at most once (the next operation's diff audits afresh), is dropped when that
 * account is created or updated in this process, and expires BATCH_TTL_MS after its batch started.
 */
import { organizationAccounts, organizationReached } from "../aws";
import type { AwsApi } from "../aws";
import type { RootCredentials } from "../core/rootCredentials";
import { limiter } from "../core/rootCredentials";
import { auditMember } from "./memberAccount";
import type { AuditOptions } from "./memberAccount";

/** Which accounts a component audits together: its own selection of the organization's ACTIVE member accounts. */
export interface AuditGroup {
  accountIds?: string[];
  excludeAccountIds?: string[];
}

/** The most account IDs a group's selection names and still is carried by every child (state grows with its square). */
export const MAX_GROUPED_IDS = 50;

/** How long a batch's results may be taken: longer than any preview's diffs of one group, far shorter than a run. */
export const BATCH_TTL_MS = 60_000;
/**
 * Accounts audited at once in a batch: four times the audit CLI's default, as a preview only reads, each account's
 * IAM calls go to that account, and only AssumeRoot is asked of one account (well within STS's request quota);
 * a throttled call is retried by the SDK. At 50 ms per call, 16 kept a 300-account preview waiting on the audits.
 */
export const BATCH_CONCURRENCY = 32;

interface Batch {
  startedAt: number;
  /** The accounts whose audits the batch started. */
  started: Set<string>;
  /** Settles when the group's listing is read to the end (or failed), every account's audit started. */
  ready: Promise<void>;
  audits: Record<string, Promise<RootCredentials>>;
}

// On globalThis, under a plain string: the provider may be serialized by value into several closures (see
// aws/runFacts.ts), and a cache captured by value would be copied into `__provider`.
const GLOBAL_KEY = "__pulumiAwsRootAccessAuditBatches";

function batches(): Record<string, Batch> {
  const holder = globalThis as unknown as Record<string, Record<string, Batch> | undefined>;
  return (holder[GLOBAL_KEY] ??= {});
}

/** The member accounts a group names, by the rule `OrganizationRootCredentials` declares its children with. */
export function groupMembers(
  accounts: ReadonlyArray<{ id: string; status: string }>,
  managementAccountId: string,
  group: AuditGroup,
): string[] {
  return accounts
    .filter((a) => a.status === "ACTIVE" && a.id !== managementAccountId)
    .map((a) => a.id)
    .filter((id) => (!group.accountIds || group.accountIds.includes(id)) && !(group.excludeAccountIds ?? []).includes(id))
    .sort();
}

function start(api: AwsApi, first: string, group: AuditGroup, options: AuditOptions): Batch {
  const audits: Record<string, Promise<RootCredentials>> = {};
  const started = new Set<string>();
  const run = limiter(BATCH_CONCURRENCY);
  const begin = (id: string): void => {
    if (started.has(id)) return;
    started.add(id);
    const audit = run(() => auditMember(api, id, options));
    // A result nobody takes must not become an unhandled rejection; whoever takes it still sees the error.
    audit.catch(() => undefined);
    audits[id] = audit;
  };
  // The asking account first, before the listing: its diff waits for its own audit alone.
  begin(first);
  const ready = (async () => {
    try {
      const org = await organizationReached(api);
      // Each page's accounts are audited as it arrives, while the next pages are read.
      await organizationAccounts(api, org, (page) => groupMembers(page, org.managementAccountId, group).forEach(begin));
    } catch {
      // The listing failed: each diff not yet started audits its own account, and says why if that fails too.
    }
  })();
  return { startedAt: Date.now(), started, ready, audits };
}

/** The account's audit: taken from its group's batch (started by the first diff that asks), or run alone. */
export async function auditInGroup(
  api: AwsApi,
  accountId: string,
  group: AuditGroup,
  options: AuditOptions,
): Promise<RootCredentials> {
  const all = batches();
  const key = JSON.stringify([api.scope, group.accountIds ?? null, group.excludeAccountIds ?? null, options]);
  let batch = Object.hasOwn(all, key) ? all[key] : undefined;
  if (batch && Date.now() - batch.startedAt >= BATCH_TTL_MS) batch = undefined;
  // An account on a page not read yet waits for the listing; one the listing does not name (it joined meanwhile,
  // say) is audited alone.
  if (batch && !batch.started.has(accountId)) await batch.ready;
  if (batch && !batch.started.has(accountId)) return auditMember(api, accountId, options);
  if (!batch || !Object.hasOwn(batch.audits, accountId)) {
    // No batch, or one this account's result was taken from already: this operation's first diff starts a new one.
    batch = all[key] = start(api, accountId, group, options);
  }
  const audit = batch.audits[accountId]!;
  delete batch.audits[accountId];
  return audit;
}

/** Drops any pending result for the account: it is being changed, so what was read before no longer holds. */
export function dropAudits(accountId: string): void {
  for (const batch of Object.values(batches())) delete batch.audits[accountId];
}

/** Forgets every batch: tests that run many operations in one process say so. */
export function forgetAuditBatches(): void {
  delete (globalThis as unknown as Record<string, unknown>)[GLOBAL_KEY];
}
