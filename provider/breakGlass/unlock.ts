/**
 * `unlockBucketPolicy` and `unlockQueuePolicy`: remove the policy that locks a bucket or a queue, through a root
 * session of its account (S3UnlockBucketPolicy, SQSUnlockQueuePolicy). Break-glass must be deliberate: the policy is
 * read first and handed to `confirm`, outside any session (a person may take their time), and only then is it
 * removed, in a second session that checks it is still the policy that was confirmed. The resource is read again
 * after the change, so the result says what is left.
 */
import { createAwsApi, inRootSession, optionsConnection } from "../aws";
import type { AwsApi, RootTask, TaskApis } from "../aws";
import { validateUnlockOptions } from "../core/validate";
import {
  BucketNotFoundError,
  InvalidArgumentsError,
  PolicyChangedError,
  QueueNotFoundError,
  RootAccessError,
  isNoSuchBucket,
  isQueueDoesNotExist,
} from "../errors";
import type { LockableService } from "./lockedPolicy";
import { HOLDERS } from "./policyHolders";
import type { PolicyHolderOps } from "./policyHolders";

interface UnlockCommonOptions {
  /** The member account that owns the resource. */
  accountId: string;
  /** For SQS, the queue's region; the SDK's chain by default. */
  region?: string;
  profile?: string;
  /** A role to assume first (in the management account, or the IAM delegated administrator). */
  roleArn?: string;
  /**
   * Called with the policy about to be removed, before anything changes; nothing is removed unless it answers
   * true. Without it, the policy is removed: a program that calls this has decided already.
   */
  confirm?: (policy: string) => boolean | Promise<boolean>;
}

export interface UnlockBucketPolicyOptions extends UnlockCommonOptions {
  bucket: string;
}

export interface UnlockQueuePolicyOptions extends UnlockCommonOptions {
  /** The queue's name (in the region) or its URL. */
  queue: string;
}

export interface UnlockResult {
  accountId: string;
  service: LockableService;
  /** The bucket's name, or the queue's URL. */
  resource: string;
  /** The policy that was found: the one removed when `removed` is true. Undefined when there was none. */
  policy?: string;
  /** Whether the policy was removed (false: there was none, or `confirm` declined). */
  removed: boolean;
  /** The resource's policy read again after the change; undefined when it has none (unlocked). */
  remaining?: string;
}

/** One unlock: the service's policy operations, with how the given name is found and what "not there" is. */
interface UnlockOps<K extends RootTask> extends PolicyHolderOps<K> {
  /** The resource as the other calls name it (a queue's name becomes its URL). */
  locate(session: TaskApis[K]): Promise<string>;
  /** The package's error for a resource that is not there, or undefined for any other failure. */
  notFound(e: unknown, action: string): RootAccessError | undefined;
}

async function unlock<K extends RootTask>(
  service: LockableService,
  options: UnlockCommonOptions,
  given: string,
  ops: UnlockOps<K>,
): Promise<UnlockResult> {
  const api: AwsApi = createAwsApi(optionsConnection(options));
  const { accountId } = options;
  const action = `unlock ${ops.noun} ${given} in account ${accountId}`;
  // A missing resource is named inside the session, before the session's own diagnosis sees the failure.
  const inSession = <T>(work: (session: TaskApis[K]) => Promise<T>): Promise<T> =>
    inRootSession(api, accountId, ops.task, action, (session) =>
      work(session).catch((e: unknown) => {
        throw ops.notFound(e, action) ?? e;
      }),
    );
  const found = await inSession(async (s) => {
    const resource = await ops.locate(s);
    return { resource, policy: await ops.read(s, resource) };
  });
  const result = { accountId, service, resource: found.resource };
  if (found.policy === undefined) return { ...result, removed: false };
  if (options.confirm && !(await options.confirm(found.policy)))
    return { ...result, policy: found.policy, removed: false, remaining: found.policy };
  const remaining = await inSession(async (s) => {
    if ((await ops.read(s, found.resource)) !== found.policy)
      throw new PolicyChangedError({ action, accountId, task: ops.task }, found.resource);
    await ops.remove(s, found.resource);
    return ops.read(s, found.resource);
  });
  return { ...result, policy: found.policy, removed: true, ...(remaining !== undefined ? { remaining } : {}) };
}

function checked(subject: string, service: LockableService, options: UnlockCommonOptions & Record<string, unknown>): void {
  const { confirm, ...rest } = options;
  const problems = validateUnlockOptions(service, rest).map((p) => p.reason);
  if (confirm !== undefined && typeof confirm !== "function") problems.push("confirm must be a function");
  if (problems.length > 0) throw new InvalidArgumentsError(subject, problems);
}

/**
 * Removes the bucket policy that locks `bucket`, through an S3UnlockBucketPolicy root session in `accountId`.
 * @throws InvalidArgumentsError (before any AWS call), BucketNotFoundError, PolicyChangedError, or the root session's
 * errors: RootFeatureNotEnabledError (RootSessions off), ServiceControlPolicyDeniedError, ManagementAccountTargetError
 */
export async function unlockBucketPolicy(options: UnlockBucketPolicyOptions): Promise<UnlockResult> {
  checked("unlockBucketPolicy", "s3", options as UnlockBucketPolicyOptions & Record<string, unknown>);
  const { bucket } = options;
  return unlock("s3", options, bucket, {
    ...HOLDERS.s3,
    locate: async () => bucket,
    notFound: (e, action) =>
      isNoSuchBucket(e)
        ? new BucketNotFoundError({ action, accountId: options.accountId, task: "S3UnlockBucketPolicy" }, bucket)
        : undefined,
  });
}

/**
 * Removes the queue policy that locks `queue` (sets its `Policy` attribute to empty), through an SQSUnlockQueuePolicy
 * root session in `accountId`.
 * @throws InvalidArgumentsError (before any AWS call), QueueNotFoundError, PolicyChangedError, or the root session's
 * errors: RootFeatureNotEnabledError (RootSessions off), ServiceControlPolicyDeniedError, ManagementAccountTargetError
 */
export async function unlockQueuePolicy(options: UnlockQueuePolicyOptions): Promise<UnlockResult> {
  checked("unlockQueuePolicy", "sqs", options as UnlockQueuePolicyOptions & Record<string, unknown>);
  const { queue } = options;
  return unlock("sqs", options, queue, {
    ...HOLDERS.sqs,
    locate: (sqs) => (/^https?:/.test(queue) ? Promise.resolve(queue) : sqs.queueUrl(queue)),
    notFound: (e, action) =>
      isQueueDoesNotExist(e)
        ? new QueueNotFoundError(
            { action, accountId: options.accountId, task: "SQSUnlockQueuePolicy" },
            queue,
            options.region ?? "the SDK's default region",
          )
        : undefined,
  });
}
