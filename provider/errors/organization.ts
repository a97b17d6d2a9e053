/** The organization and the caller: not found, not all features, trusted access, the wrong account or organization. */
import { RootAccessError, forOrg } from "./base";
import type { ErrorContext } from "./base";

const IAM_TRUSTED_ACCESS_FIX = "aws organizations enable-aws-service-access --service-principal iam.amazonaws.com";
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
