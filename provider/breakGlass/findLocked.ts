/**
 * `findLockedResources`: the S3 buckets and SQS queues of member accounts whose resource policy locks everyone out
 * (lockedPolicy.ts), found through root sessions with the two unlock task policies. It only reads: per account one
 * S3UnlockBucketPolicy session (ListBuckets, then GetBucketPolicy per bucket) and one SQSUnlockQueuePolicy session
 * (ListQueues, then GetQueueAttributes per queue), side by side, with bounded concurrency across accounts.
 */
import { createAwsApi, fleetAccounts, inRootSession, optionsConnection, sharedError, visitAccounts } from "../aws";
import type { AwsApi, RootTask } from "../aws";
import { validateFleetOptions } from "../core/validate";
import { InvalidArgumentsError } from "../errors";
import { lockVerdict } from "./lockedPolicy";
import type { LockableService } from "./lockedPolicy";
import { HOLDERS } from "./policyHolders";
import type { PolicyHolderOps } from "./policyHolders";

export interface FindLockedResourcesOptions {
  /** "all" (default): the organization's ACTIVE member accounts; or these account IDs. */
  accounts?: "all" | string[];
  /** Accounts checked at once; 8 by default, at most 64. */
  concurrency?: number;
  /** The region of the SQS queues searched (S3 lists every region's buckets); the SDK's chain by default. */
  region?: string;
  profile?: string;
  /** A role to assume first (in the management account, or the IAM delegated administrator). */
  roleArn?: string;
  /** Called after each account, for progress. */
  onProgress?: (done: number, total: number) => void;
}

/** A bucket or queue that its own policy locks. */
export interface LockedResource {
  service: LockableService;
  /** The bucket's name, or the queue's URL. */
  resource: string;
  /** The bucket's region (queues are in the searched region). */
  region?: string;
  /** The statements that lock it: their Sid, or their index. */
  statements: string[];
}

export interface AccountLockedResources {
  accountId: string;
  name?: string;
  /** The account's status in the organization, when the listing was read. */
  status?: string;
  /** What was found; absent when the account could not be checked. */
  locked?: LockedResource[];
  /** How many buckets and queues were read. */
  checked?: { buckets: number; queues: number };
  /** Why the account could not be checked: the package's error name and message. */
  error?: { name: string; message: string };
  /** Why the account was not checked at all (the management account, or not ACTIVE). */
  notChecked?: string;
}

export interface LockedResourcesReport {
  organizationId: string;
  /** An error every checked account failed with alike, said once; each of their rows refers to it. */
  organizationError?: { name: string; message: string };
  accounts: AccountLockedResources[];
  /** accounts = checked + failed + notChecked; `locked` counts resources. */
  summary: { accounts: number; checked: number; withLocked: number; locked: number; failed: number; notChecked: number };
  /** 0: nothing locked; 1: a locked resource was found; 2: an account could not be checked. */
  exitCode: 0 | 1 | 2;
}

export const DEFAULT_LOCKED_CONCURRENCY = 8;

/** The resources of one service that their own policy locks, in one root session of its task. */
async function lockedIn<K extends RootTask>(
  api: AwsApi,
  accountId: string,
  service: LockableService,
  ops: PolicyHolderOps<K>,
): Promise<{ found: LockedResource[]; count: number }> {
  const action = `find the locked ${service === "s3" ? "S3 buckets" : "SQS queues"} of account ${accountId}`;
  return inRootSession(api, accountId, ops.task, action, async (session) => {
    const holders = await ops.list(session);
    const found = await Promise.all(
      holders.map(async (h): Promise<LockedResource | undefined> => {
        const verdict = lockVerdict(service, await ops.read(session, h.resource));
        return verdict.locked ? { service, ...h, statements: verdict.statements } : undefined;
      }),
    );
    return { found: found.filter((r): r is LockedResource => r !== undefined), count: holders.length };
  });
}

/**
 * Finds the buckets and queues of member accounts that their own policy locks, changing nothing. One account
 * failing never stops the others; its row carries the error.
 * @throws InvalidArgumentsError for wrong options (before any AWS call), or the package's error when the
 * organization's accounts cannot be listed
 */
export async function findLockedResources(options: FindLockedResourcesOptions = {}): Promise<LockedResourcesReport> {
  const problems = validateFleetOptions("locked", options as Record<string, unknown>);
  if (problems.length > 0)
    throw new InvalidArgumentsError(
      "findLockedResources",
      problems.map((p) => p.reason),
    );
  const api = createAwsApi(optionsConnection(options));
  const { org, accounts } = await fleetAccounts(api, options.accounts);
  const rows: AccountLockedResources[] = accounts;
  const toCheck = rows.filter((row) => {
    if (row.accountId === org.managementAccountId) {
      row.notChecked = "the management account: root sessions reach member accounts only";
      return false;
    }
    if (row.status !== undefined && row.status !== "ACTIVE") {
      row.notChecked = `the account is ${row.status}: no root session reaches it`;
      return false;
    }
    return true;
  });
  await visitAccounts(
    toCheck,
    options.concurrency ?? DEFAULT_LOCKED_CONCURRENCY,
    options.onProgress,
    (id) => `find the locked resources of account ${id}`,
    async (row) => {
      // Side by side; when both fail, the buckets' error is the one told, so that alike accounts read alike.
      const [b, q] = await Promise.allSettled([
        lockedIn(api, row.accountId, "s3", HOLDERS.s3),
        lockedIn(api, row.accountId, "sqs", HOLDERS.sqs),
      ]);
      if (b.status === "rejected") throw b.reason;
      if (q.status === "rejected") throw q.reason;
      row.locked = [...b.value.found, ...q.value.found];
      row.checked = { buckets: b.value.count, queues: q.value.count };
    },
  );
  const organizationError = sharedError(toCheck);
  const failed = rows.filter((r) => r.error).length;
  const withLocked = rows.filter((r) => (r.locked?.length ?? 0) > 0).length;
  return {
    organizationId: org.id,
    ...(organizationError ? { organizationError } : {}),
    accounts: rows,
    summary: {
      accounts: rows.length,
      checked: rows.filter((r) => r.locked).length,
      withLocked,
      locked: rows.reduce((n, r) => n + (r.locked?.length ?? 0), 0),
      failed,
      notChecked: rows.filter((r) => r.notChecked).length,
    },
    exitCode: failed > 0 ? 2 : withLocked > 0 ? 1 : 0,
  };
}
