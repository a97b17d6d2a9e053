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
export type { ConnectionArgs } from "./resources/connectionArgs";
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
  AwsRequestError,
} from "./errors";
