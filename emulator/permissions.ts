/**
 * What a caller may do: the root-task policies of root sessions, service control policies, and the permission mode
 * of keys and roles (an allow-list of actions, or a policy document with StringEquals conditions).
 */
import type { RootFeature } from "./state";
import type { Permissions } from "./state";
import { actionMatches } from "./world";
import type { Caller, World } from "./world";

export const ROOT_TASK_POLICY_PREFIX = "arn:aws:iam::aws:policy/root-task/";

/**
 * The AWS-managed root-task policies: the actions each allows (their published documents deny everything else),
 * and the centralized root access features a session for the task needs. The documents do not say which features a
 * task needs; the emulator follows the IAM User Guide's description of each feature (README: "Emulator choices"):
 * password recovery is both a root credential task and a privileged root action.
 */
export const ROOT_TASK_POLICIES: Record<string, { features: RootFeature[]; actions: string[] }> = {
  IAMAuditRootUserCredentials: {
    features: ["RootCredentialsManagement"],
    actions: [
      "iam:ListAccessKeys",
      "iam:ListSigningCertificates",
      "iam:GetLoginProfile",
      "iam:ListMFADevices",
      "iam:GetAccountSummary",
      "iam:GetUser",
      "iam:GetAccessKeyLastUsed",
    ],
  },
  IAMCreateRootUserPassword: {
    features: ["RootCredentialsManagement", "RootSessions"],
    actions: ["iam:CreateLoginProfile", "iam:GetLoginProfile"],
  },
  IAMDeleteRootUserCredentials: {
    features: ["RootCredentialsManagement"],
    actions: [
      "iam:DeleteAccessKey",
      "iam:DeleteSigningCertificate",
      "iam:DeleteLoginProfile",
      "iam:DeactivateMFADevice",
      "iam:ListAccessKeys",
      "iam:ListSigningCertificates",
      "iam:GetLoginProfile",
      "iam:ListMFADevices",
      "iam:GetUser",
      "iam:GetAccessKeyLastUsed",
    ],
  },
  S3UnlockBucketPolicy: {
    features: ["RootSessions"],
    actions: ["s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:ListAllMyBuckets"],
  },
  SQSUnlockQueuePolicy: {
    features: ["RootSessions"],
    actions: ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueues"],
  },
};

export function rootTask(name: string): { features: RootFeature[]; actions: string[] } | undefined {
  return Object.hasOwn(ROOT_TASK_POLICIES, name) ? ROOT_TASK_POLICIES[name] : undefined;
}

/**
 * What a request says about itself for policy conditions, e.g. `sts:TaskPolicyArn` for AssumeRoot, and `resource`:
 * the resource it acts on, where the model checks one.
 */
export type RequestContext = Record<string, string>;

function allows(permissions: Permissions, action: string, context: RequestContext): boolean {
  if (permissions.allowedActions?.some((a) => actionMatches(a, action))) return true;
  return (permissions.policy?.Statement ?? []).some((s) => {
    const actions = typeof s.Action === "string" ? [s.Action] : s.Action;
    if (!actions.some((a) => actionMatches(a, action))) return false;
    // Resources are checked where the request names one (AssumeRole's role); elsewhere the model treats them as "*".
    const resources = s.Resource === undefined ? ["*"] : typeof s.Resource === "string" ? [s.Resource] : s.Resource;
    if (context.resource !== undefined && !resources.some((r) => actionMatches(r, context.resource!))) return false;
    return Object.entries(s.Condition?.StringEquals ?? {}).every(([key, wanted]) => {
      const value = Object.hasOwn(context, key) ? context[key] : undefined;
      return value !== undefined && (typeof wanted === "string" ? [wanted] : wanted).includes(value);
    });
  });
}

/** Why an action is denied, worded as AWS words it; undefined when it is allowed. */
export function denial(world: World, caller: Caller, action: string, context: RequestContext = {}): string | undefined {
  const who = `User: ${world.principalArn(caller)} is not authorized to perform: ${action}`;
  const on = ` on resource: arn:aws:iam::${caller.accountId}:root`;
  if (caller.session?.kind === "root") {
    const task = rootTask(caller.session.taskPolicy);
    if (!task?.actions.includes(action)) return `${who}${on} with an explicit deny in an identity-based policy`;
  }
  if (world.scpDenies(caller, action)) return `${who}${on} with an explicit deny in a service control policy`;
  if (caller.permissions && !allows(caller.permissions, action, context)) {
    return `${who} because no identity-based policy allows the ${action} action`;
  }
  return undefined;
}
