/**
 * Buckets and queues as break-glass sees them: how a root session of each unlock task lists them, reads their
 * policy and removes it. The search (findLocked.ts) and the unlock (unlock.ts) both go through this one table.
 */
import type { RootTask, TaskApis } from "../aws";
import type { LockableService } from "./lockedPolicy";

/** A bucket (by name, with its region) or a queue (by URL). */
export interface Holder {
  resource: string;
  region?: string;
}

export interface PolicyHolderOps<K extends RootTask> {
  task: K;
  /** What a person calls one: "bucket" or "queue". */
  noun: string;
  list(session: TaskApis[K]): Promise<Holder[]>;
  read(session: TaskApis[K], resource: string): Promise<string | undefined>;
  remove(session: TaskApis[K], resource: string): Promise<void>;
}

export const HOLDERS: {
  [S in LockableService]: PolicyHolderOps<S extends "s3" ? "S3UnlockBucketPolicy" : "SQSUnlockQueuePolicy">;
} = {
  s3: {
    task: "S3UnlockBucketPolicy",
    noun: "bucket",
    list: async (s3) => (await s3.listBuckets()).map((b) => ({ resource: b.name, region: b.region })),
    read: (s3, name) => s3.bucketPolicy(name),
    remove: (s3, name) => s3.deleteBucketPolicy(name),
  },
  sqs: {
    task: "SQSUnlockQueuePolicy",
    noun: "queue",
    list: async (sqs) => (await sqs.listQueues()).map((url) => ({ resource: url })),
    read: (sqs, url) => sqs.queuePolicy(url),
    remove: (sqs, url) => sqs.removeQueuePolicy(url),
  },
};
