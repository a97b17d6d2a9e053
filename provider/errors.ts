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
  /** Which profile or role the credentials were looked up with, and where that setting came from. */
  credentials?: string;
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
      `Cannot ${context.action}: ${context.organizationId ? `organization ${context.organizationId}` : "the organization"} uses consolidated billing only, ` +
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

/** Where the organization a resource must act on came from. */
export type OrganizationSource = "organizationId input" | "resource ID in state" | "import option";

/** Advice that gets past the refusal, for each place the expected organization can come from. */
function mismatchFix(expected: string, actual: string, source: OrganizationSource): string {
  const credentials =
    `use credentials for ${expected} (check the resource's \`profile\` and \`roleArn\`, the stack's \`aws:profile\`, ` +
    "and AWS_PROFILE or AWS_ACCESS_KEY_ID in the environment)";
  if (source === "organizationId input") {
    return `Fix: ${credentials}, or set \`organizationId\` to ${actual} if that is the organization you mean.`;
  }
  if (source === "import option") return `Fix: ${credentials}, or import ${actual} instead.`;
  return (
    `Fix: ${credentials}. To manage ${actual} with this stack instead, remove the resource from the stack with ` +
    "`pulumi state delete <urn>` (`pulumi stack --show-urns` lists the URNs) and run `pulumi up`: it is created again " +
    `in ${actual}, adopting what is already on there.`
  );
}

/** The credentials reach a different organization than the one the resource is declared for or was created in. */
export class OrganizationMismatchError extends RootAccessError {
  readonly name = "OrganizationMismatchError";
  constructor(
    readonly action: string,
    readonly expectedOrganizationId: string,
    readonly actualOrganizationId: string,
    readonly source: OrganizationSource,
  ) {
    super(
      `Refusing to ${action}: this resource belongs to organization ${expectedOrganizationId} (from its ${source}), ` +
        `but the credentials reach organization ${actualOrganizationId}. Nothing was changed. ` +
        mismatchFix(expectedOrganizationId, actualOrganizationId, source),
    );
  }
}

/** Two resources of one program manage the same thing for the same organization, so each would undo the other. */
export class ConflictingDeclarationError extends RootAccessError {
  readonly name = "ConflictingDeclarationError";
  constructor(
    readonly first: { kind: string; name: string },
    readonly second: { kind: string; name: string },
    readonly item: string,
    readonly target: string,
  ) {
    super(
      `${second.kind} "${second.name}" and ${first.kind} "${first.name}" both manage ${item} for ${target} in this ` +
        "program, so every `pulumi up` would undo part of the other's work. Nothing was changed. Fix: keep one of " +
        'them. To switch style or rename, see "Changing style or names" in the package\'s README: rename with ' +
        "`aliases`, or keep the old resources' features on with `retainOnDelete: true` before removing them.",
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
    /** What is imported, when it is not the organization (MemberRootCredentials: the account). */
    readonly subject = `organization ${organizationId}`,
  ) {
    super(
      `Cannot import ${kind} from ${subject}: importing never changes AWS, but the live state ` +
        `differs from the declaration (it would need to ${needed}). Fix: declare what is live, or remove the ` +
        "`import` option to let Pulumi make the change.",
    );
  }
}

/** Some changes succeeded before one failed; says which, so nobody has to guess the organization's state. */
export class ChangeIncompleteError extends RootAccessError {
  readonly name: string = "ChangeIncompleteError";
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

/** One feature changed, then the next failed. */
export class FeatureChangeIncompleteError extends ChangeIncompleteError {
  override readonly name = "FeatureChangeIncompleteError";
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
    const where = context.credentials
      ? ` for ${context.credentials}`
      : " in the environment, the shared AWS config files or an instance role";
    super(
      `Cannot ${context.action}: no AWS credentials were found${where}. Fix: define that profile in your AWS config ` +
        "files (or log in with `aws sso login`), set AWS_PROFILE or `aws:profile` in the stack config, export " +
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or set `profile`/`roleArn` on the resource.",
    );
  }
}

/** Arguments given outside a resource's `check` (a component, the audit) are wrong; nothing was called. */
export class InvalidArgumentsError extends RootAccessError {
  readonly name = "InvalidArgumentsError";
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`Invalid arguments for ${subject}, so nothing was called in AWS: ${problems.join("; ")}.`);
  }
}

/** Where a root session was wanted, for the errors about it. */
export interface RootSessionContext extends ErrorContext {
  accountId: string;
  /** The root-task policy, e.g. IAMAuditRootUserCredentials. */
  task: string;
}

/** A root session needs a centralized root access feature that is off. */
export class RootFeatureNotEnabledError extends RootAccessError {
  readonly name = "RootFeatureNotEnabledError";
  constructor(
    readonly context: RootSessionContext,
    readonly feature: string,
  ) {
    super(
      `Cannot ${context.action}: a root session for ${context.task} in account ${context.accountId} needs the centralized ` +
        `root access feature ${feature}, which is not enabled${forOrg(context.organizationId)}. Fix: declare \`${feature}\` ` +
        `(or \`OrganizationsFeatures\` listing "${feature}", or \`CentralizedRootAccess\`) and run \`pulumi up\`.`,
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

/** An AWS list that does not end: the same page token again, or more pages than any organization has. */
export class PaginationError extends RootAccessError {
  readonly name = "PaginationError";
  constructor(
    readonly operation: string,
    readonly pages: number,
    readonly problem: string,
  ) {
    super(
      `Cannot read ${operation} to the end: ${problem} (after ${pages} pages), so the list is not trustworthy and ` +
        "nothing was changed. Fix: check that AWS_ENDPOINT_URL_* points at AWS (or a faithful emulator), then try again.",
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

// Plain objects read with Object.hasOwn: a name that comes from outside ("constructor") must never select code, and
// this module may be serialized by value into `__provider`, which loses Maps.

/** AWS error names as the SDK reports them, without the `Exception` suffix the wire may add. */
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
  ORGANIZATION_NOT_IN_ALL_FEATURES_MODE: OrganizationNotInAllFeaturesModeError,
  CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR: ManagementAccountAsDelegatedAdministratorError,
  MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED: DelegatedAdministratorLimitError,
  DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE: DelegatedAdministratorLimitError,
};

function lookup(table: Record<string, Mapped>, name: string): Mapped | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** The AWS error code of whatever the SDK threw, without the `Exception` suffix; "" when it has none. */
export function awsErrorCode(err: unknown): string {
  const e = err as { name?: unknown; Code?: unknown } | null;
  const raw = typeof e?.name === "string" ? e.name : typeof e?.Code === "string" ? e.Code : "";
  return raw.endsWith("Exception") ? raw.slice(0, -"Exception".length) : raw;
}

/** Whether the SDK threw the AWS error `code` (with or without the `Exception` suffix). */
export function isAwsError(err: unknown, code: string): boolean {
  return awsErrorCode(err) === code;
}

/** Errors AWS answers when a prerequisite of centralized root access is missing. */
const PREREQUISITE_CODES = [
  "ServiceAccessNotEnabled",
  "OrganizationNotInAllFeaturesMode",
  "AccountNotManagementOrDelegatedAdministrator",
  "CallerIsNotManagementAccount",
];

/** Whether AWS answered that a prerequisite is missing (worth a look at which organization was reached). */
export function isPrerequisiteError(err: unknown): boolean {
  return PREREQUISITE_CODES.includes(awsErrorCode(err));
}

/** Whether AWS answered that the caller is not the account that may do this (the management account). */
export function isWrongCallerError(err: unknown): boolean {
  return isAwsError(err, "AccountNotManagementOrDelegatedAdministrator") || isAwsError(err, "CallerIsNotManagementAccount");
}

/** Whether IAM answered that it does not see trusted access for IAM (off, or not propagated yet). */
export function isServiceAccessNotEnabled(err: unknown): boolean {
  return (
    isAwsError(err, "ServiceAccessNotEnabled") || (RootAccessError.isInstance(err) && err.name === "ServiceAccessNotEnabledError")
  );
}

/** Whether the credentials reach no organization at all (IAM's OrganizationNotFound, Organizations' AWSOrganizationsNotInUse). */
export function isOrganizationGone(err: unknown): boolean {
  if (RootAccessError.isInstance(err)) return err.name === "OrganizationNotFoundError";
  return isAwsError(err, "OrganizationNotFound") || isAwsError(err, "AWSOrganizationsNotInUse");
}

/** Whether AWS denied an action because of a service control policy (the only place its message is read). */
export function isServiceControlPolicyDenial(err: unknown): boolean {
  const message = (err as { message?: unknown } | null)?.message;
  return isAccessDenied(err) && typeof message === "string" && /service control policy/i.test(message);
}

/** The action an AccessDenied message names ("… is not authorized to perform: iam:DeleteAccessKey …"). */
export function deniedAction(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return (typeof message === "string" && /not authorized to perform: ([\w-]+:[\w*]+)/.exec(message)?.[1]) || "an action";
}

/** Whether AWS refused access (IAM and STS say AccessDenied, Organizations AccessDeniedException). */
export function isAccessDenied(err: unknown): boolean {
  return isAwsError(err, "AccessDenied");
}

/** Whether Organizations refused a registration because IAM accepts no further delegated administrator. */
export function isDelegatedAdministratorLimit(err: unknown): boolean {
  if (RootAccessError.isInstance(err)) return err.name === "DelegatedAdministratorLimitError";
  const reason = (err as { Reason?: unknown } | null)?.Reason;
  return (
    isAwsError(err, "ConstraintViolation") &&
    typeof reason === "string" &&
    lookup(BY_CONSTRAINT_REASON, reason) === DelegatedAdministratorLimitError
  );
}

/** Every AWS key-ID prefix IAM documents; matched even when glued to other characters (`userAKIA…`, `_AKIA…_`). */
const KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA|AIDA|AIPA|AROA|AGPA|ANPA|ANVA|APKA)[A-Z0-9]{12,}/g;
const SECURITY_TOKEN = /(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;

/**
 * Key IDs, `x-amz-security-token` values and any secret in the environment never leave in a message. Credentials
 * resolved from profiles, SSO or roles are removed where the SDK's errors are caught (`scrubSecrets`).
 */
export function redact(text: string): string {
  let out = text.replace(KEY_ID, "[redacted key id]").replace(SECURITY_TOKEN, "$1[redacted]");
  for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"]) {
    const value = process.env[name];
    if (value && value.length >= 8) out = out.split(value).join("[redacted]");
  }
  return out;
}

/** Removes the given secrets (resolved credentials) from an error's message, in place, before anything reads it. */
export function scrubSecrets(err: unknown, secrets: ReadonlyArray<string | undefined>): void {
  const e = err as { message?: unknown } | null;
  if (!e || typeof e.message !== "string") return;
  let message = e.message;
  for (const secret of secrets) if (secret && secret.length >= 8) message = message.split(secret).join("[redacted]");
  if (message !== e.message) Object.defineProperty(e, "message", { value: message, writable: true, configurable: true });
}

/** Control characters of anything a user or AWS gave are shown as `\u001b`, so they cannot forge log lines. */
export function printable(text: string): string {
  // Control characters, line separators and the bidi controls (which can make a name read backwards on a terminal).
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Turns whatever the AWS SDK threw into one of this package's errors. */
export function mapAwsError(err: unknown, context: ErrorContext): RootAccessError {
  if (RootAccessError.isInstance(err)) return err;
  const e = err as { message?: unknown; Reason?: unknown; credentials?: unknown } | null;
  const code = awsErrorCode(err);
  const reason = typeof e?.Reason === "string" ? e.Reason : "";
  const Known = lookup(BY_CODE, code) ?? lookup(BY_CONSTRAINT_REASON, reason);
  const message = typeof e?.message === "string" ? e.message : String(err);
  const full = typeof e?.credentials === "string" && !context.credentials ? { ...context, credentials: e.credentials } : context;
  const rawName = (err as { name?: unknown } | null)?.name;
  const mapped = Known
    ? new Known(full)
    : new AwsRequestError(
        full,
        printable(typeof rawName === "string" ? rawName : code || "UnknownError"),
        printable(redact(message)),
      );
  if (context.hint) mapped.message = `${mapped.message} ${context.hint}`;
  return mapped;
}

/**
 * Prepares an error thrown while the program runs: the language host prints it with its stack and own fields, but
 * a mistake in the program is not a bug of the package, so only the name and message are kept.
 */
export function forProgram<E extends RootAccessError>(err: E): E {
  for (const key of Object.keys(err)) Object.defineProperty(err, key, { enumerable: false });
  Object.defineProperty(err, "stack", { value: `${err.name}: ${err.message}`, writable: true, configurable: true });
  // Pulumi's brand for an error the program reports on purpose: the language host prints its message alone, once,
  // instead of "failed with an unhandled exception" and an inspection of the object (with what Outputs attach to it).
  Object.defineProperty(err, "__pulumiRunError", { value: true, configurable: true });
  if (!err.message.startsWith(`${err.name}: `)) {
    Object.defineProperty(err, "message", { value: `${err.name}: ${err.message}`, writable: true, configurable: true });
  }
  return err;
}

/** What the dynamic-provider host prints for an error it logs: recognised, and left out of the output. */
export const ENGINE_LOGGED_MARK = "\u0000pulumi-aws-root-access: reported through the engine";

/**
 * Prepares an error for the Pulumi engine. The engine shows `message` once, so a typed error's message starts with
 * its name; the host also logs `${error}: ${error.stack}` to stderr, which would repeat it with a stack trace, so
 * that line is marked for the provider's stderr filter to drop.
 */
export function forEngine(err: unknown): unknown {
  if (!RootAccessError.isInstance(err) || (err as { [ENGINE_LOGGED_MARK]?: boolean })[ENGINE_LOGGED_MARK]) return err;
  const message = `${err.name}: ${err.message}`;
  Object.defineProperty(err, ENGINE_LOGGED_MARK, { value: true });
  Object.defineProperty(err, "message", { value: message, writable: true, configurable: true });
  Object.defineProperty(err, "stack", { value: "", writable: true, configurable: true });
  Object.defineProperty(err, "toString", { value: () => ENGINE_LOGGED_MARK, configurable: true });
  const partial = err as { reasons?: unknown };
  if (Array.isArray(partial.reasons)) partial.reasons = [message];
  return err;
}
