/** Root sessions in member accounts: features off, policies that deny, accounts they cannot reach. */
import { RootAccessError, forOrg } from "./base";
import type { ErrorContext } from "./base";
import { printable, redact } from "./redaction";

/** Where a root session was wanted, for the errors about it. */
export interface RootSessionContext extends ErrorContext {
  accountId: string;
  /** The root-task policy, e.g. IAMAuditRootUserCredentials. */
  task: string;
}

/**
 * A root session needs a centralized root access feature that is off. `feature` is the first of the task's features
 * that is off; `needed` all the task needs (password recovery needs both).
 */
export class RootFeatureNotEnabledError extends RootAccessError {
  readonly name = "RootFeatureNotEnabledError";
  constructor(
    readonly context: RootSessionContext,
    readonly feature: string,
    readonly needed: readonly string[] = [feature],
  ) {
    const needs =
      needed.length > 1
        ? `features ${needed.join(" and ")}; ${feature} is not enabled`
        : `feature ${feature}, which is not enabled`;
    super(
      `Cannot ${context.action}: a root session for ${context.task} in account ${context.accountId} needs the centralized ` +
        `root access ${needs}${forOrg(context.organizationId)}. Fix: declare \`${feature}\` ` +
        `(or \`OrganizationsFeatures\` listing "${needed.join('", "')}", or \`CentralizedRootAccess\`) and run \`pulumi up\`.`,
    );
  }
}

/** A service control policy denies an action to the member account's root sessions. */
export class ServiceControlPolicyDeniedError extends RootAccessError {
  readonly name = "ServiceControlPolicyDeniedError";
  constructor(
    readonly context: RootSessionContext,
    readonly deniedAction: string,
  ) {
    super(
      `Cannot ${context.action}: a service control policy denies ${deniedAction} in account ${context.accountId}, and ` +
        `it applies to root sessions. Fix: exempt root sessions in that SCP statement with the condition ` +
        `{"BoolIfExists": {"aws:AssumedRoot": "false"}}, or take the account out of the policy's targets.`,
    );
  }
}

/** The target of a root session is the management account, which root sessions cannot reach. */
export class ManagementAccountTargetError extends RootAccessError {
  readonly name = "ManagementAccountTargetError";
  constructor(readonly context: RootSessionContext) {
    super(
      `Cannot ${context.action}: account ${context.accountId} is the management account${forOrg(context.organizationId)}, ` +
        "and root sessions reach member accounts only. Fix: leave it out (its root user is managed by signing in as it).",
    );
  }
}

/** The target of a root session is not an ACTIVE member of the caller's organization. */
export class AccountNotActiveMemberError extends RootAccessError {
  readonly name = "AccountNotActiveMemberError";
  constructor(
    readonly context: RootSessionContext,
    readonly status: string,
  ) {
    super(
      `Cannot ${context.action}: account ${context.accountId} is ${status}${forOrg(context.organizationId)}, and root ` +
        "sessions reach ACTIVE member accounts only. Fix: check the account ID (`aws organizations list-accounts`).",
    );
  }
}

/** AWS refused a root session for another reason, most often a missing `sts:AssumeRoot` permission. */
export class RootSessionDeniedError extends RootAccessError {
  readonly name = "RootSessionDeniedError";
  constructor(
    readonly context: RootSessionContext,
    awsMessage: string,
  ) {
    super(
      `Cannot ${context.action}: AWS refused a root session (sts:AssumeRoot for ${context.task}) in account ` +
        `${context.accountId}: ${printable(redact(awsMessage))} Fix: allow these credentials sts:AssumeRoot with the condition ` +
        `sts:TaskPolicyArn = arn:aws:iam::aws:policy/root-task/${context.task} (see policy/least-privilege.json).`,
    );
  }
}
