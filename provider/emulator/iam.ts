/**
 * IAM's five organization-feature operations and the prerequisites AWS checks before each, in AWS's order:
 * organization, all-features mode, trusted access, then who the caller is.
 */
import { AwsError } from "./wire";
import type { XmlValue } from "./wire";
import type { Caller, World } from "./world";
import { IAM_SERVICE_PRINCIPAL, ROOT_FEATURES } from "./model";
import type { Organization, RootFeature } from "./model";

export const IAM_ACTIONS = [
  "ListOrganizationsFeatures",
  "EnableOrganizationsRootSessions",
  "DisableOrganizationsRootSessions",
  "EnableOrganizationsRootCredentialsManagement",
  "DisableOrganizationsRootCredentialsManagement",
] as const;

type Change = { feature: RootFeature; enable: boolean } | null;

const CHANGES: Record<(typeof IAM_ACTIONS)[number], Change> = {
  ListOrganizationsFeatures: null,
  EnableOrganizationsRootSessions: { feature: "RootSessions", enable: true },
  DisableOrganizationsRootSessions: { feature: "RootSessions", enable: false },
  EnableOrganizationsRootCredentialsManagement: { feature: "RootCredentialsManagement", enable: true },
  DisableOrganizationsRootCredentialsManagement: { feature: "RootCredentialsManagement", enable: false },
};

export function isIamAction(action: string): action is (typeof IAM_ACTIONS)[number] {
  return (IAM_ACTIONS as readonly string[]).includes(action);
}

/** Runs one IAM feature operation for the caller and returns the `<…Result>` members. */
export function handleIam(world: World, caller: Caller, action: (typeof IAM_ACTIONS)[number]): Record<string, XmlValue> {
  const change = CHANGES[action];
  const org = requireFeatureOrganization(world, caller, change !== null);
  if (change) {
    const set = new Set(org.enabledRootFeatures);
    if (change.enable) set.add(change.feature);
    else set.delete(change.feature);
    org.enabledRootFeatures = ROOT_FEATURES.filter((f) => set.has(f));
  }
  return { OrganizationId: org.id, EnabledFeatures: [...org.enabledRootFeatures] };
}

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
