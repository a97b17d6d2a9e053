/** Break-glass: the bucket or queue to unlock is not there. (Refused root sessions are in rootSessions.ts.) */
import { RootAccessError } from "./base";
import type { RootSessionContext } from "./rootSessions";

/** The bucket to unlock does not exist (or not in that account). */
export class BucketNotFoundError extends RootAccessError {
  readonly name = "BucketNotFoundError";
  constructor(
    readonly context: RootSessionContext,
    readonly bucket: string,
  ) {
    super(
      `Cannot ${context.action}: S3 has no bucket ${bucket} that account ${context.accountId} owns (NoSuchBucket). ` +
        `Fix: check the name and the account; \`pulumi-aws-root-access locked --accounts ${context.accountId}\` lists ` +
        "the account's locked buckets.",
    );
  }
}

/** The queue to unlock does not exist in that account (and the session's region). */
export class QueueNotFoundError extends RootAccessError {
  readonly name = "QueueNotFoundError";
  constructor(
    readonly context: RootSessionContext,
    readonly queue: string,
    readonly region: string,
  ) {
    super(
      `Cannot ${context.action}: SQS has no queue ${queue} in account ${context.accountId} in ${region} ` +
        "(QueueDoesNotExist). Fix: check the name, the account and the region (`--region`, or the queue's URL).",
    );
  }
}

/** The policy changed between the read that was shown (and confirmed) and the removal: nothing was removed. */
export class PolicyChangedError extends RootAccessError {
  readonly name = "PolicyChangedError";
  constructor(
    readonly context: RootSessionContext,
    readonly resource: string,
  ) {
    super(
      `Cannot ${context.action}: the policy of ${resource} in account ${context.accountId} changed after it was shown, ` +
        "so nothing was removed. Fix: run the command again to see the policy as it is now.",
    );
  }
}
