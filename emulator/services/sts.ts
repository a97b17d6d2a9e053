/**
 * STS: GetCallerIdentity, AssumeRole (for a provider's `roleArn`) and AssumeRoot (privileged root sessions in member
 * accounts). Minted keys are recorded as temporary keys of the account they act in, with their expiry, the hash of
 * their session token and the permissions they carry; secrets and tokens live only in memory.
 */
import { randomBytes } from "node:crypto";
import { AwsError } from "../awsError";
import { ROOT_TASK_POLICY_PREFIX, rootTask } from "../permissions";
import { IAM_SERVICE_PRINCIPAL } from "../state";
import type { Permissions, Session } from "../state";
import { hashToken } from "../world";
import type { Caller, World } from "../world";
import type { Handler, Input } from "./handler";

export const STS_VERSION = "2011-06-15";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const DEFAULT_ROLE_MAX_SESSION_SECONDS = 3600;
const MIN_ROLE_SESSION_SECONDS = 900;
/** AssumeRoot sessions last at most 15 minutes, 15 by default. */
export const MAX_ROOT_SESSION_SECONDS = 900;

function token(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join("");
}

function validation(field: string, constraint: string, value: unknown): AwsError {
  return new AwsError(
    "ValidationError",
    `1 validation error detected: Value '${String(value).slice(0, 64)}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Reads an optional whole-number parameter of the Query protocol. */
function seconds(input: Input, key: string, field: string, fallback: number, min: number, max: number): number {
  const raw = input[key];
  if (raw === undefined) return fallback;
  const n = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw validation(field, "Member must be a whole number", raw);
  if (n < min) throw validation(field, `Member must have value greater than or equal to ${min}`, raw);
  if (n > max) throw validation(field, `Member must have value less than or equal to ${max}`, raw);
  return n;
}

/** Mints temporary credentials acting in `accountId`; only a hash of the session token is kept in state. */
function mint(world: World, accountId: string, session: Session, permissions: Permissions, durationSeconds: number) {
  world.pruneExpiredKeys();
  const accessKeyId = `ASIA${token(UPPER, 16)}`;
  const secretAccessKey = token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
  const sessionToken = token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 120);
  const expiresAt = Date.now() + durationSeconds * 1000;
  world.state.accessKeys.push({
    accessKeyId,
    accountId,
    ...permissions,
    temporary: true,
    expiresAt,
    sessionTokenHash: hashToken(sessionToken),
    session,
  });
  world.mintedSecrets.push(accessKeyId, secretAccessKey, sessionToken);
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    SessionToken: sessionToken,
    Expiration: new Date(expiresAt).toISOString(),
  };
}

function assumeRole(world: World, caller: Caller, input: Input) {
  const roleArn = typeof input.RoleArn === "string" ? input.RoleArn : "";
  const sessionName = typeof input.RoleSessionName === "string" ? input.RoleSessionName : "";
  const m = ROLE_ARN.exec(roleArn);
  if (!m)
    throw validation(
      "roleArn",
      "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+",
      roleArn,
    );
  if (!SESSION_NAME.test(sessionName))
    throw validation("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*", sessionName);
  const accountId = m[1]!;
  const role = world.state.roles.find((r) => r.arn === roleArn);
  // Only roles the seed declares exist (a mistyped roleArn must fail as it would in AWS), and a role's trust list,
  // when it has one, names the accounts that may assume it.
  if (!world.account(accountId) || !role || (role.trustedAccountIds && !role.trustedAccountIds.includes(caller.accountId))) {
    throw new AwsError(
      "AccessDenied",
      `User: ${world.principalArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  }
  const max = role.maxSessionDurationSeconds ?? DEFAULT_ROLE_MAX_SESSION_SECONDS;
  const requested = seconds(input, "DurationSeconds", "durationSeconds", 3600, MIN_ROLE_SESSION_SECONDS, 43_200);
  if (requested > max) {
    throw new AwsError("ValidationError", `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
  }
  const roleName = m[2]!.split("/").pop()!;
  const roleId = `AROA${token(UPPER, 17)}`;
  const permissions: Permissions = {
    ...(role.allowedActions ? { allowedActions: role.allowedActions } : {}),
    ...(role.policy ? { policy: role.policy } : {}),
  };
  return {
    Credentials: mint(world, accountId, { kind: "role", roleArn, sessionName, roleId }, permissions, requested),
    AssumedRoleUser: {
      AssumedRoleId: `${roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    },
  };
}

function accessDenied(message: string): AwsError {
  return new AwsError("AccessDenied", message, 403);
}

/**
 * A privileged root session in a member account, scoped to one AWS-managed root-task policy. Only the management
 * account or the IAM delegated administrator may ask, never with root credentials, never for the management
 * account itself, and only for an active member of the organization that has the feature the task needs.
 */
function assumeRoot(world: World, caller: Caller, input: Input) {
  const target = typeof input.TargetPrincipal === "string" ? input.TargetPrincipal : "";
  const taskArn = typeof input["TaskPolicyArn.arn"] === "string" ? (input["TaskPolicyArn.arn"] as string) : "";
  const targetId = /^\d{12}$/.exec(target)?.[0] ?? /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(target)?.[1];
  if (!targetId) throw validation("targetPrincipal", "Member must be an account ID or the ARN of an account's root user", target);
  const taskName = taskArn.startsWith(ROOT_TASK_POLICY_PREFIX) ? taskArn.slice(ROOT_TASK_POLICY_PREFIX.length) : "";
  const task = rootTask(taskName);
  if (!task)
    throw validation(
      "taskPolicyArn.arn",
      `Member must be one of the AWS managed policies under ${ROOT_TASK_POLICY_PREFIX}`,
      taskArn,
    );
  const duration = seconds(input, "DurationSeconds", "durationSeconds", MAX_ROOT_SESSION_SECONDS, 0, MAX_ROOT_SESSION_SECONDS);
  const denied = `User: ${world.principalArn(caller)} is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::${targetId}:root`;
  if (caller.session?.kind === "root") throw accessDenied(`${denied}: root user credentials cannot call sts:AssumeRoot`);
  const org = world.organizationOf(caller.accountId);
  if (!org) throw accessDenied(`${denied}: the caller's account is in no organization`);
  const isManagement = caller.accountId === org.managementAccountId;
  if (!isManagement && !world.isDelegatedAdministrator(org, caller.accountId, IAM_SERVICE_PRINCIPAL)) {
    throw accessDenied(`${denied}: only the management account or the IAM delegated administrator can start root sessions`);
  }
  if (targetId === org.managementAccountId)
    throw accessDenied(`${denied}: the management account cannot be the target of a root session`);
  const account = world.account(targetId);
  if (!account || account.organizationId !== org.id)
    throw accessDenied(`${denied}: account ${targetId} is not a member of ${org.id}`);
  if (account.status !== "ACTIVE") throw accessDenied(`${denied}: account ${targetId} is ${account.status}, not ACTIVE`);
  const off = task.features.filter((f) => !world.iamSeesTrustedAccess(org) || !org.enabledRootFeatures.includes(f));
  if (off.length > 0) {
    const which = off.length === 1 ? `feature ${off[0]}, which` : `features ${off.join(" and ")}, which`;
    throw accessDenied(`${denied}: centralized root access ${which} ${taskName} needs, is not enabled in ${org.id}`);
  }
  return { Credentials: mint(world, targetId, { kind: "root", taskPolicy: taskName }, {}, duration) };
}

export const STS_OPERATIONS: Record<string, Handler> = {
  GetCallerIdentity(world, caller) {
    const userId =
      caller.session?.kind === "root"
        ? caller.accountId
        : caller.session?.kind === "role"
          ? `${caller.session.roleId}:${caller.session.sessionName}`
          : `AIDA${hashToken(caller.accessKeyId).slice(0, 17).toUpperCase()}`;
    return { UserId: userId, Account: caller.accountId, Arn: world.principalArn(caller) };
  },
  AssumeRole: assumeRole,
  AssumeRoot: assumeRoot,
};
