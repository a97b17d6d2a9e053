/**
 * pulumi-aws-root-access: AWS IAM centralized root access for an AWS Organization, as Pulumi resources.
 * @packageDocumentation
 */
export { RootSessions } from "./resources/rootSessions";
export type { RootSessionsArgs } from "./resources/rootSessions";
export { RootCredentialsManagement } from "./resources/rootCredentialsManagement";
export type { RootCredentialsManagementArgs } from "./resources/rootCredentialsManagement";
export { OrganizationsFeatures } from "./resources/organizationsFeatures";
export type { OrganizationsFeaturesArgs } from "./resources/organizationsFeatures";
export { IamTrustedAccess } from "./resources/iamTrustedAccess";
export type { IamTrustedAccessArgs } from "./resources/iamTrustedAccess";
export { IamDelegatedAdministrator } from "./resources/iamDelegatedAdministrator";
export type { IamDelegatedAdministratorArgs } from "./resources/iamDelegatedAdministrator";
export { CentralizedRootAccess } from "./resources/centralizedRootAccess";
export type { CentralizedRootAccessArgs } from "./resources/centralizedRootAccess";
export { MemberRootCredentials } from "./resources/memberRootCredentials";
export type { MemberRootCredentialsArgs } from "./resources/memberRootCredentials";
export { OrganizationRootCredentials } from "./resources/organizationRootCredentials";
export type { OrganizationRootCredentialsArgs } from "./resources/organizationRootCredentials";
export type { ConnectionArgs } from "./resources/connectionArgs";
export type { AdoptionArgs } from "./resources/adoptionArgs";
export { auditRootCredentials, DEFAULT_AUDIT_CONCURRENCY } from "./rootCredentials/audit";
export type { AuditRootCredentialsOptions, AccountAudit, RootCredentialsAudit } from "./rootCredentials/audit";
export { renderAudit } from "./rootCredentials/report";
export type { AuditFormat } from "./rootCredentials/report";
export { findLockedResources, DEFAULT_LOCKED_CONCURRENCY } from "./breakGlass/findLocked";
export type {
  FindLockedResourcesOptions,
  LockedResource,
  AccountLockedResources,
  LockedResourcesReport,
} from "./breakGlass/findLocked";
export { unlockBucketPolicy, unlockQueuePolicy } from "./breakGlass/unlock";
export type { UnlockBucketPolicyOptions, UnlockQueuePolicyOptions, UnlockResult } from "./breakGlass/unlock";
export { renderLocked } from "./breakGlass/report";
export { lockVerdict } from "./breakGlass/lockedPolicy";
export type { LockVerdict, LockableService } from "./breakGlass/lockedPolicy";
export { CREDENTIAL_KINDS } from "./core/rootCredentials";
export type { CredentialKind, RootCredentials, AccessKeyUse } from "./core/rootCredentials";
export { ALL_FEATURES } from "./core/features";
export type { FeatureName } from "./core/features";
export {
  RootAccessError,
  OrganizationNotFoundError,
  OrganizationNotInAllFeaturesModeError,
  ServiceAccessNotEnabledError,
  AccountNotManagementOrDelegatedAdministratorError,
  CallerIsNotManagementAccountError,
  OrganizationMismatchError,
  ChangeIncompleteError,
  FeatureChangeIncompleteError,
  ConflictingDeclarationError,
  DelegatedAdministratorLimitError,
  DelegatedAdministratorChangeError,
  ImportMismatchError,
  CredentialsNotFoundError,
  AccountNotInOrganizationError,
  ManagementAccountAsDelegatedAdministratorError,
  AccountAlreadyRegisteredError,
  TrustedAccessPropagationTimeoutError,
  PaginationError,
  InvalidArgumentsError,
  RootFeatureNotEnabledError,
  ServiceControlPolicyDeniedError,
  ManagementAccountTargetError,
  AccountNotActiveMemberError,
  RootSessionDeniedError,
  BucketNotFoundError,
  QueueNotFoundError,
  PolicyChangedError,
  AwsRequestError,
} from "./errors";
