/**
 * S3: ListBuckets, HeadBucket and a bucket's policy (GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy), over
 * the REST protocol with path-style addressing. Bucket names are unique across the emulator; a caller reaches only
 * its own account's buckets, and a policy that denies everyone locks out all but the owner's root session.
 */
import { AwsError } from "../awsError";
import type { Caller, World } from "../world";
import type { Handler, Input } from "./handler";
import { checkResourcePolicy, otherAccount } from "./policyHolders";
import type { Found } from "./policyHolders";

/** The IAM action of each operation, where it is not `s3:<Operation>`. */
export const S3_ACTIONS: Record<string, string> = { ListBuckets: "s3:ListAllMyBuckets", HeadBucket: "s3:ListBucket" };
/** When every seeded bucket was created, as ListBuckets reports it. */
const CREATED = "2024-01-01T00:00:00.000Z";

function bucketOf(world: World, caller: Caller, input: Input, action: string): Found {
  const name = typeof input.Bucket === "string" ? input.Bucket : "";
  const arn = `arn:aws:s3:::${name}`;
  for (const owner of world.state.accounts) {
    const holder = owner.s3Buckets?.find((b) => b.name === name);
    if (!holder) continue;
    if (owner.id !== caller.accountId) throw otherAccount(world, caller, action, arn);
    const found = { owner, holder };
    checkResourcePolicy(world, caller, found, action, arn);
    return found;
  }
  throw new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, "Sender", { BucketName: name });
}

export const S3_OPERATIONS: Record<string, Handler> = {
  ListBuckets(world, caller) {
    const buckets = world.account(caller.accountId)?.s3Buckets ?? [];
    return {
      OwnerId: caller.accountId,
      Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: CREATED, BucketRegion: b.region })),
    };
  },
  HeadBucket(world, caller, input) {
    return { BucketRegion: bucketOf(world, caller, input, "s3:ListBucket").holder.region };
  },
  GetBucketPolicy(world, caller, input) {
    const { holder } = bucketOf(world, caller, input, "s3:GetBucketPolicy");
    if (holder.policy === undefined)
      throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404, "Sender", { BucketName: holder.name });
    return { Policy: holder.policy };
  },
  PutBucketPolicy(world, caller, input) {
    const { holder } = bucketOf(world, caller, input, "s3:PutBucketPolicy");
    const policy = typeof input.Policy === "string" ? input.Policy : "";
    try {
      const doc: unknown = JSON.parse(policy);
      if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error("not an object");
    } catch {
      throw new AwsError("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400, "Sender", {
        BucketName: holder.name,
      });
    }
    holder.policy = policy;
    return {};
  },
  DeleteBucketPolicy(world, caller, input) {
    delete bucketOf(world, caller, input, "s3:DeleteBucketPolicy").holder.policy;
    return {};
  },
};
