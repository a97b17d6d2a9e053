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
  FeatureChangeIncompleteError,
  ImportMismatchError,
  CredentialsNotFoundError,
  AwsRequestError,
} from "./errors";
