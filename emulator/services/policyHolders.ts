/**
 * What S3 buckets and SQS queues share: each belongs to one account and may carry a resource policy that locks
 * everyone out (emulator/resourcePolicy.ts). A caller reaches only its own account's resources.
 */
import { AwsError } from "../awsError";
import { deniesEveryone } from "../resourcePolicy";
import type { Account, PolicyHolder } from "../state";
import type { Caller, World } from "../world";

export interface Found {
  owner: Account;
  holder: PolicyHolder;
}

/**
 * Refuses `action` on a resource whose policy denies every principal, unless the caller is the owning account's
 * root session (which may only use its task's actions anyway: emulator/permissions.ts).
 */
export function checkResourcePolicy(world: World, caller: Caller, found: Found, action: string, arn: string): void {
  if (caller.session?.kind === "root" && caller.accountId === found.owner.id) return;
  if (deniesEveryone(found.holder.policy, action)) {
    throw new AwsError(
      "AccessDenied",
      `User: ${world.principalArn(caller)} is not authorized to perform: ${action} on resource: ${arn} with an explicit deny in a resource-based policy`,
      403,
    );
  }
}

/** A resource of another account: the model grants no cross-account access. */
export function otherAccount(world: World, caller: Caller, action: string, arn: string): AwsError {
  return new AwsError(
    "AccessDenied",
    `User: ${world.principalArn(caller)} is not authorized to perform: ${action} on resource: ${arn} because no resource-based policy allows the ${action} action`,
    403,
  );
}
