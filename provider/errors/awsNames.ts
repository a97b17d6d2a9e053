/** The only place AWS error names are matched: what the SDK threw becomes one of this package's errors. */
import { RootAccessError } from "./base";
import type { ErrorContext } from "./base";
import {
  DelegatedAdministratorLimitError,
  AccountAlreadyRegisteredError,
  AccountNotInOrganizationError,
  ManagementAccountAsDelegatedAdministratorError,
} from "./delegatedAdministrator";
import {
  AccountNotManagementOrDelegatedAdministratorError,
  CallerIsNotManagementAccountError,
  OrganizationNotFoundError,
  OrganizationNotInAllFeaturesModeError,
  ServiceAccessNotEnabledError,
} from "./organization";
import { AwsRequestError, CredentialsNotFoundError } from "./request";
import { printable, redact } from "./redaction";

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
function awsErrorCode(err: unknown): string {
  const e = err as { name?: unknown; Code?: unknown } | null;
  const raw = typeof e?.name === "string" ? e.name : typeof e?.Code === "string" ? e.Code : "";
  return raw.endsWith("Exception") ? raw.slice(0, -"Exception".length) : raw;
}

/** Whether the SDK threw the AWS error `code` (with or without the `Exception` suffix). */
function isAwsError(err: unknown, code: string): boolean {
  return awsErrorCode(err) === code;
}

/** Whether IAM answered that the thing asked for does not exist (a root user with no login profile). */
export function isNoSuchEntity(err: unknown): boolean {
  return isAwsError(err, "NoSuchEntity");
}

/** Whether S3 answered that a bucket has no policy. */
export function isNoSuchBucketPolicy(err: unknown): boolean {
  return isAwsError(err, "NoSuchBucketPolicy");
}

/** Whether S3 answered that a bucket does not exist (`NoSuchBucket`, or `NotFound` to a HEAD). */
export function isNoSuchBucket(err: unknown): boolean {
  return isAwsError(err, "NoSuchBucket") || isAwsError(err, "NotFound");
}

/** Whether SQS answered that a queue does not exist. */
export function isQueueDoesNotExist(err: unknown): boolean {
  return isAwsError(err, "QueueDoesNotExist") || isAwsError(err, "AWS.SimpleQueueService.NonExistentQueue");
}

/** Whether the AWS SDK found no credentials in any source of its chain. */
export function isMissingCredentials(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === "CredentialsProviderError";
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
  return isAwsError(err, "ServiceAccessNotEnabled") || ServiceAccessNotEnabledError.is(err);
}

/** Whether the credentials reach no organization at all (IAM's OrganizationNotFound, Organizations' AWSOrganizationsNotInUse). */
export function isOrganizationGone(err: unknown): boolean {
  if (RootAccessError.is(err)) return OrganizationNotFoundError.is(err);
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
  if (RootAccessError.is(err)) return DelegatedAdministratorLimitError.is(err);
  const reason = (err as { Reason?: unknown } | null)?.Reason;
  return (
    isAwsError(err, "ConstraintViolation") &&
    typeof reason === "string" &&
    lookup(BY_CONSTRAINT_REASON, reason) === DelegatedAdministratorLimitError
  );
}
/** Turns whatever the AWS SDK threw into one of this package's errors. */
export function mapAwsError(err: unknown, context: ErrorContext): RootAccessError {
  if (RootAccessError.is(err)) return err;
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
