/**
 * The package's typed errors, and the one place where AWS error names become them.
 *
 * Every message says what is wrong, for which organization when known, and the exact fix. Errors are recognised
 * by a brand field rather than `instanceof`, so two loaded copies of the package (the program's and the one the
 * serialized provider requires) still agree.
 */

const BRAND = "__pulumiAwsRootAccessError";

/** What the provider was doing when AWS answered with an error. */
export interface ErrorContext {
  /** A verb phrase, e.g. "enable RootSessions" or "read the organization's features". */
  action: string;
  /** The organization the resource belongs to, when known. */
  organizationId?: string;
  /** The account the action concerns (a delegated administrator), when there is one. */
  accountId?: string;
  /** What a read-only diagnosis after the failure found out; appended to the message. */
  hint?: string;
}

/** Base class of every error this package raises. */
export abstract class RootAccessError extends Error {
  readonly [BRAND] = true;
  abstract override readonly name: string;

  constructor(message: string) {
    super(message);
    // Set again: when the provider is serialized by value, `super(message)` no longer reaches Error's constructor.
    this.message = message;
  }

  /** True for any error raised by this package, from whichever loaded copy of it. */
  static isInstance(e: unknown): e is RootAccessError {
    return typeof e === "object" && e !== null && (e as Record<string, unknown>)[BRAND] === true;
  }
}

const IAM_TRUSTED_ACCESS_FIX = "aws organizations enable-aws-service-access --service-principal iam.amazonaws.com";

function forOrg(organizationId: string | undefined): string {
  return organizationId ? ` (organization ${organizationId})` : "";
}

/** The credentials' account belongs to no AWS Organization. */
export class OrganizationNotFoundError extends RootAccessError {
  readonly name = "OrganizationNotFoundError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: the AWS account behind these credentials is not in an AWS Organization. ` +
        "Centralized root access is an organization feature. Fix: use credentials of your organization's management " +
        "account, or create an organization with `aws organizations create-organization --feature-set ALL`.",
    );
  }
}

/** The organization only has consolidated billing; centralized root access needs all features. */
export class OrganizationNotInAllFeaturesModeError extends RootAccessError {
  readonly name = "OrganizationNotInAllFeaturesModeError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: the organization${forOrg(context.organizationId)} uses consolidated billing only, ` +
        "and centralized root access needs all features. Fix: run `aws organizations enable-all-features` from the " +
        "management account and have every member account accept the handshake.",
    );
  }
}

/** IAM trusted access is off in AWS Organizations. */
export class ServiceAccessNotEnabledError extends RootAccessError {
  readonly name = "ServiceAccessNotEnabledError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: trusted access for IAM is not enabled in AWS Organizations` +
        `${forOrg(context.organizationId)}. Fix: declare \`IamTrustedAccess\` (or use \`CentralizedRootAccess\`) in the ` +
        `program, or run \`${IAM_TRUSTED_ACCESS_FIX}\` from the management account (it can take a few minutes to ` +
        "take effect), then run `pulumi up` again.",
    );
  }
}

/** The credentials belong to a member account that is neither the management account nor IAM's delegated administrator. */
export class AccountNotManagementOrDelegatedAdministratorError extends RootAccessError {
  readonly name = "AccountNotManagementOrDelegatedAdministratorError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: these credentials belong to a member account${forOrg(context.organizationId)} that is ` +
        "neither the management account nor the IAM delegated administrator. Fix: use management-account credentials " +
        "(set `profile` or `roleArn` on the resource, or `aws:profile` in the stack config), or register this account " +
        "with `aws organizations register-delegated-administrator --service-principal iam.amazonaws.com --account-id <id>`.",
    );
  }
}

/** The credentials belong to IAM's delegated administrator, but only the management account may change features. */
export class CallerIsNotManagementAccountError extends RootAccessError {
  readonly name = "CallerIsNotManagementAccountError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: only the management account can turn centralized root access features on or off, and ` +
        `these credentials belong to the IAM delegated administrator${forOrg(context.organizationId)}. Fix: use ` +
        "management-account credentials for this resource (set `profile` or `roleArn` on it, or `aws:profile` in the stack config).",
    );
  }
}

/** The credentials reach a different organization than the one the resource is declared for or was created in. */
export class OrganizationMismatchError extends RootAccessError {
  readonly name = "OrganizationMismatchError";
  constructor(
    readonly action: string,
    readonly expectedOrganizationId: string,
    readonly actualOrganizationId: string,
    readonly source: "organizationId input" | "resource ID in state" | "import option",
  ) {
    super(
      `Refusing to ${action}: this resource belongs to organization ${expectedOrganizationId} (from its ${source}), ` +
        `but the credentials reach organization ${actualOrganizationId}. Nothing was changed. Fix: use credentials ` +
        `for ${expectedOrganizationId}, or, if the organization really changed, update \`organizationId\` ` +
        "(or remove the resource from state with `pulumi state delete` and declare it again).",
    );
  }
}

/** The `import` option was given, but the organization's live features differ from the declaration. */
export class ImportMismatchError extends RootAccessError {
  readonly name = "ImportMismatchError";
  constructor(
    readonly kind: string,
    readonly organizationId: string,
    readonly needed: string,
  ) {
    super(
      `Cannot import ${kind} from organization ${organizationId}: importing never changes AWS, but the live state ` +
        `differs from the declaration (it would need to ${needed}). Fix: declare what is live, or remove the ` +
        "`import` option to let Pulumi make the change.",
    );
  }
}

/** Some feature changes succeeded before one failed; says which, so nobody has to guess the organization's state. */
export class FeatureChangeIncompleteError extends RootAccessError {
  readonly name = "FeatureChangeIncompleteError";
  constructor(
    readonly organizationId: string,
    readonly completed: string[],
    readonly failed: string,
    override readonly cause: Error,
  ) {
    super(
      `Partly applied to organization ${organizationId}: ${completed.join(", ")} succeeded, then ${failed} failed: ` +
        `${cause.message} Run \`pulumi up\` again after fixing the cause; it reads the live state and finishes the rest.`,
    );
  }
}

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

/** IAM trusted access is enabled in Organizations, but IAM still did not see it when the wait ran out. */
export class TrustedAccessPropagationTimeoutError extends RootAccessError {
  readonly name = "TrustedAccessPropagationTimeoutError";
  constructor(
    readonly context: ErrorContext,
    readonly waitedSeconds: number,
  ) {
    super(
      `Cannot ${context.action}: IAM trusted access is enabled in AWS Organizations${forOrg(context.organizationId)}, ` +
        `but IAM still answered ServiceAccessNotEnabled after ${waitedSeconds}s of waiting for it to propagate. ` +
        "Fix: run `pulumi up` again in a few minutes, or raise `propagationTimeoutSeconds`.",
    );
  }
}

/** The AWS SDK found no credentials in any source of its chain. */
export class CredentialsNotFoundError extends RootAccessError {
  readonly name = "CredentialsNotFoundError";
  constructor(readonly context: ErrorContext) {
    super(
      `Cannot ${context.action}: no AWS credentials were found. Fix: set AWS_PROFILE or \`aws:profile\` in the stack ` +
        "config, export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or set `profile`/`roleArn` on the resource.",
    );
  }
}

/** Any other AWS error, with its code kept so it can be looked up. */
export class AwsRequestError extends RootAccessError {
  readonly name = "AwsRequestError";
  constructor(
    readonly context: ErrorContext,
    readonly code: string,
    awsMessage: string,
  ) {
    super(`Cannot ${context.action}${forOrg(context.organizationId)}: AWS answered ${code}: ${awsMessage}`);
  }
}

type Mapped = new (context: ErrorContext) => RootAccessError;

/** AWS error names as the SDK reports them, with and without the `Exception` suffix the wire adds. */
const BY_CODE: Record<string, Mapped> = {
  OrganizationNotFound: OrganizationNotFoundError,
  OrganizationNotInAllFeaturesMode: OrganizationNotInAllFeaturesModeError,
  ServiceAccessNotEnabled: ServiceAccessNotEnabledError,
  AccountNotManagementOrDelegatedAdministrator: AccountNotManagementOrDelegatedAdministratorError,
  CallerIsNotManagementAccount: CallerIsNotManagementAccountError,
  AWSOrganizationsNotInUse: OrganizationNotFoundError,
  CredentialsProviderError: CredentialsNotFoundError,
  AccountNotFound: AccountNotInOrganizationError,
  AccountAlreadyRegistered: AccountAlreadyRegisteredError,
};

/** Organizations' ConstraintViolationException says what it means in its `Reason`. */
const BY_CONSTRAINT_REASON: Record<string, Mapped> = {
  SERVICE_ACCESS_NOT_ENABLED: ServiceAccessNotEnabledError,
  CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR: ManagementAccountAsDelegatedAdministratorError,
};

/** Key IDs (AKIA…, ASIA…) and any secret in the environment never leave in a message. */
export function redact(text: string): string {
  let out = text.replace(/\b(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|APKA)[A-Z0-9]{12,}\b/g, "[redacted key id]");
  for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"]) {
    const value = process.env[name];
    if (value && value.length >= 8) out = out.split(value).join("[redacted]");
  }
  return out;
}

/** Turns whatever the AWS SDK threw into one of this package's errors. */
export function mapAwsError(err: unknown, context: ErrorContext): RootAccessError {
  if (RootAccessError.isInstance(err)) return err;
  const e = err as { name?: unknown; Code?: unknown; message?: unknown; Reason?: unknown } | null;
  const rawName = typeof e?.name === "string" ? e.name : typeof e?.Code === "string" ? e.Code : "UnknownError";
  const code = rawName.endsWith("Exception") ? rawName.slice(0, -"Exception".length) : rawName;
  const Known = BY_CODE[code] ?? BY_CODE[rawName] ?? (typeof e?.Reason === "string" ? BY_CONSTRAINT_REASON[e.Reason] : undefined);
  const message = typeof e?.message === "string" ? e.message : String(err);
  const mapped = Known ? new Known(context) : new AwsRequestError(context, rawName, redact(message));
  if (context.hint) mapped.message = `${mapped.message} ${context.hint}`;
  return mapped;
}
