/** The AWS Organizations adapter: the organization, trusted access and delegated administrators. */
import {
  DeregisterDelegatedAdministratorCommand,
  DescribeOrganizationCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import type { OrganizationsApi } from "./api";
import { lazyClient } from "./connection";
import type { ConnectionSettings } from "./connection";
import { readAllPages } from "./pagination";

export function createOrganizationsApi(settings: ConnectionSettings, pageSize?: number): OrganizationsApi {
  const orgs = lazyClient(settings, (config) => new OrganizationsClient(config));
  const MaxResults = pageSize;
  return {
    async describeOrganization() {
      const org = (await (await orgs()).send(new DescribeOrganizationCommand({}))).Organization;
      return { id: org?.Id ?? "", managementAccountId: org?.MasterAccountId ?? "", featureSet: org?.FeatureSet ?? "" };
    },
    async listAccounts(onPage) {
      const c = await orgs();
      return readAllPages(
        "ListAccounts",
        async (NextToken) => {
          const page = await c.send(new ListAccountsCommand({ NextToken, MaxResults }));
          return {
            items: (page.Accounts ?? []).map((a) => ({ id: a.Id ?? "", name: a.Name ?? "", status: a.Status ?? "" })),
            nextToken: page.NextToken,
          };
        },
        onPage,
      );
    },
    async listTrustedServices() {
      const c = await orgs();
      return readAllPages("ListAWSServiceAccessForOrganization", async (NextToken) => {
        const page = await c.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken, MaxResults }));
        return { items: (page.EnabledServicePrincipals ?? []).map((p) => p.ServicePrincipal ?? ""), nextToken: page.NextToken };
      });
    },
    async setTrustedAccess(ServicePrincipal, enabled) {
      const c = await orgs();
      if (enabled) await c.send(new EnableAWSServiceAccessCommand({ ServicePrincipal }));
      else await c.send(new DisableAWSServiceAccessCommand({ ServicePrincipal }));
    },
    async listDelegatedAdministrators(ServicePrincipal) {
      const c = await orgs();
      return readAllPages("ListDelegatedAdministrators", async (NextToken) => {
        const page = await c.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal, NextToken, MaxResults }));
        return { items: (page.DelegatedAdministrators ?? []).map((a) => a.Id ?? ""), nextToken: page.NextToken };
      });
    },
    async setDelegatedAdministrator(AccountId, ServicePrincipal, registered) {
      const c = await orgs();
      if (registered) await c.send(new RegisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal }));
      else await c.send(new DeregisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal }));
    },
  };
}
