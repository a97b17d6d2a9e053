/** IAM's delegated administrator: registrations AWS refuses, and a swap that stopped half-way. */
import { RootAccessError, forOrg } from "./base";
import type { ErrorContext } from "./base";

/** The account to register as delegated administrator is not a member of the organization. */
export class AccountNotInOrganizationError extends RootAccessError {
  readonly name = "AccountNotInOrganizationError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: account ${context.accountId ?? "(unknown)"} is not a member of the organization` +
        `${forOrg(context.organizationId)}. Fix: check the 12-digit account ID, or invite the account first ` +
        "(`aws organizations list-accounts` shows the members).",
    );
  }
}

/** The management account cannot be its own delegated administrator. */
export class ManagementAccountAsDelegatedAdministratorError extends RootAccessError {
  readonly name = "ManagementAccountAsDelegatedAdministratorError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: account ${context.accountId ?? "(unknown)"} is the organization's management account, ` +
        "which cannot be a delegated administrator. Fix: choose a member account (often a security or identity account).",
    );
  }
}

/** The account is already a delegated administrator for IAM (registered outside this resource). */
export class AccountAlreadyRegisteredError extends RootAccessError {
  readonly name = "AccountAlreadyRegisteredError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: account ${context.accountId ?? "(unknown)"} is already registered as a delegated ` +
        "administrator for IAM. Fix: run `pulumi up` again (the resource adopts an existing registration), or " +
        "deregister it first with `aws organizations deregister-delegated-administrator`.",
    );
  }
}

/** IAM accepts no further delegated administrator, and the one registered is not this resource's to replace. */
export class DelegatedAdministratorLimitError extends RootAccessError {
  readonly name = "DelegatedAdministratorLimitError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: IAM accepts no further delegated administrator in ` +
        `${context.organizationId ? `organization ${context.organizationId}` : "the organization"}. Fix: deregister the account registered now ` +
        "(`aws organizations list-delegated-administrators --service-principal iam.amazonaws.com` shows it), or declare " +
        "that account in this resource and change `accountId` afterwards: a change of `accountId` swaps the registration.",
    );
  }
}

/** Swapping the delegated administrator made room by deregistering the old account, then the new one failed. */
export class DelegatedAdministratorChangeError extends RootAccessError {
  readonly name = "DelegatedAdministratorChangeError";
  constructor(
    readonly organizationId: string,
    readonly previous: string[],
    readonly accountId: string,
    readonly restored: boolean,
    override readonly cause: Error,
  ) {
    const old = `account ${previous.join(", ")}`;
    super(
      `Cannot register account ${accountId} as IAM delegated administrator of organization ${organizationId}: ` +
        `${cause.message} IAM accepts no further delegated administrator, so ${old} was deregistered first to make room; ` +
        (restored
          ? `${old} was registered again, as before. Fix the cause and run \`pulumi up\` again.`
          : `registering ${old} again also failed, so the organization has no IAM delegated administrator now. Fix: ` +
            "run `pulumi up` again once the cause is fixed, or register one with " +
            "`aws organizations register-delegated-administrator --service-principal iam.amazonaws.com --account-id <id>`."),
    );
  }
}
