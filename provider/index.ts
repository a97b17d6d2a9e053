/**
 * pulumi-aws-root-access: AWS IAM centralized root access for an AWS Organization, as Pulumi resources.
 * @packageDocumentation
 */
export { RootSessions } from "./rootSessions";
export type { RootSessionsArgs } from "./rootSessions";
export { RootCredentialsManagement } from "./rootCredentialsManagement";
export type { RootCredentialsManagementArgs } from "./rootCredentialsManagement";
export { OrganizationsFeatures } from "./organizationsFeatures";
export type { OrganizationsFeaturesArgs } from "./organizationsFeatures";
export { IamTrustedAccess } from "./iamTrustedAccess";
export type { IamTrustedAccessArgs } from "./iamTrustedAccess";
export { IamDelegatedAdministrator } from "./iamDelegatedAdministrator";
export type { IamDelegatedAdministratorArgs } from "./iamDelegatedAdministrator";
export { CentralizedRootAccess } from "./centralizedRootAccess";
export type { CentralizedRootAccessArgs } from "./centralizedRootAccess";
export type { ConnectionArgs } from "./resourceArgs";
export { ALL_FEATURES } from "./features";
export type { FeatureName } from "./features";
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
  AwsRequestError,
} from "./errors";
