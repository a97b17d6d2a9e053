/**
 * IAM's five organization-feature operations and the prerequisites AWS checks before each, in AWS's order:
 * organization, all-features mode, trusted access, then who the caller is.
 */
import { AwsError } from "../awsError";
import type { Caller, World } from "../world";
import { IAM_SERVICE_PRINCIPAL, ROOT_FEATURES } from "../state";
import type { Organization, RootFeature } from "../state";
import type { Handler } from "./handler";

export const IAM_VERSION = "2010-05-08";
export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

function requireFeatureOrganization(world: World, caller: Caller, mutating: boolean): Organization {
  const org = world.organizationOf(caller.accountId);
  if (!org) {
    throw new AwsError(
      "OrganizationNotFoundException",
      "The request was rejected because no organization is associated with your account.",
    );
  }
  if (org.featureSet !== "ALL") {
    throw new AwsError(
      "OrganizationNotInAllFeaturesModeException",
      "The request was rejected because your organization does not have All features enabled.",
    );
  }
  if (!world.iamSeesTrustedAccess(org)) {
    throw new AwsError(
      "ServiceAccessNotEnabledException",
      "The request was rejected because trusted access is not enabled for IAM in AWS Organizations.",
    );
  }
  if (caller.accountId === org.managementAccountId) return org;
  if (world.isDelegatedAdministrator(org, caller.accountId, IAM_SERVICE_PRINCIPAL)) {
    if (mutating) {
      throw new AwsError(
        "CallerIsNotManagementAccountException",
        "The request was rejected because the account making the request is not the management account for the organization.",
      );
    }
    return org;
  }
  throw new AwsError(
    "AccountNotManagementOrDelegatedAdministratorException",
    "The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.",
  );
}

function features(org: Organization): Record<string, unknown> {
  return { OrganizationId: org.id, EnabledFeatures: [...org.enabledRootFeatures] };
}

/** An Enable or Disable operation for one feature. */
function setFeature(feature: RootFeature, enabled: boolean): Handler {
  return (world, caller) => {
    const org = requireFeatureOrganization(world, caller, true);
    const set = new Set(org.enabledRootFeatures);
    if (enabled) set.add(feature);
    else set.delete(feature);
    org.enabledRootFeatures = ROOT_FEATURES.filter((f) => set.has(f));
    return features(org);
  };
}

export const IAM_OPERATIONS: Record<string, Handler> = {
  ListOrganizationsFeatures: (world, caller) => features(requireFeatureOrganization(world, caller, false)),
  EnableOrganizationsRootSessions: setFeature("RootSessions", true),
  DisableOrganizationsRootSessions: setFeature("RootSessions", false),
  EnableOrganizationsRootCredentialsManagement: setFeature("RootCredentialsManagement", true),
  DisableOrganizationsRootCredentialsManagement: setFeature("RootCredentialsManagement", false),
};
