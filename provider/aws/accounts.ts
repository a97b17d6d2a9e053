/**
 * The organization and its accounts, as the audit, the locked-resources search and OrganizationRootCredentials read them: one listing, and a
 * refusal that says whose credentials these are and what to use instead.
 */
import { AccountNotManagementOrDelegatedAdministratorError, RootAccessError, isAccessDenied, mapAwsError } from "../errors";
import type { AccountInfo, AwsApi, OrganizationInfo } from "./api";

export const LIST_ACCOUNTS_ACTION = "list the organization's member accounts";

/** A refused listing: a member account's credentials say so with the fix; anything else is mapped as it is. */
async function listingRefused(api: AwsApi, org: OrganizationInfo, err: unknown): Promise<RootAccessError> {
  const context = { action: LIST_ACCOUNTS_ACTION, organizationId: org.id };
  const caller = isAccessDenied(err) ? await api.sts.callerAccountId().catch(() => undefined) : undefined;
  return caller !== undefined && caller !== org.managementAccountId
    ? new AccountNotManagementOrDelegatedAdministratorError(context)
    : mapAwsError(err, context);
}

/** The organization the credentials reach. */
export async function organizationReached(api: AwsApi): Promise<OrganizationInfo> {
  try {
    return await api.organizations.describeOrganization();
  } catch (e) {
    throw mapAwsError(e, { action: LIST_ACCOUNTS_ACTION });
  }
}

/**
 * Every account of the organization, the management account included.
 * @param onPage given each page as it arrives
 */
export async function organizationAccounts(
  api: AwsApi,
  org: OrganizationInfo,
  onPage?: (accounts: AccountInfo[]) => void,
): Promise<AccountInfo[]> {
  try {
    return await api.organizations.listAccounts(onPage);
  } catch (e) {
    throw await listingRefused(api, org, e);
  }
}
