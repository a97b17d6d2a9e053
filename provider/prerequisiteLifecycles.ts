/**
 * Create/read/update/delete for the two prerequisites of centralized root access, IAM trusted access in AWS
 * Organizations and the IAM delegated administrator. Both only ever touch `iam.amazonaws.com`.
 */
import { ManagementAccountAsDelegatedAdministratorError, OrganizationNotInAllFeaturesModeError, mapAwsError } from "./errors";
import type { ErrorContext } from "./errors";
import { IAM_SERVICE_PRINCIPAL } from "./kinds";
import type { OrganizationInfo, OrganizationsApi, RootAccessApi } from "./aws";
import { UNKNOWN } from "./validate";
import { connectionOf, guardOrganization, toStdout } from "./lifecycle";
import type { Reporter } from "./lifecycle";

type Props = Record<string, unknown>;

function orgsOf(api: RootAccessApi): OrganizationsApi {
  if (!api.organizations) throw new Error("internal: the Organizations adapter is missing");
  return api.organizations;
}

async function call<T>(context: ErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapAwsError(e, context);
  }
}

/** The org guard for mutating calls: the organization the credentials reach, checked against ID and input. */
async function reachedOrganization(
  orgs: OrganizationsApi,
  context: ErrorContext,
  id: string | undefined,
  inputs: Props,
): Promise<OrganizationInfo> {
  const org = await call(context, () => orgs.describeOrganization());
  guardOrganization(context.action, org.id, id, inputs);
  return org;
}

export const trustedAccess = {
  async diff(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    const action = "compare IamTrustedAccess with the live organization";
    const trusted = await call({ action, organizationId: id }, () => orgsOf(api).listTrustedServices());
    const on = trusted.includes(IAM_SERVICE_PRINCIPAL);
    if (!on)
      report(
        `IamTrustedAccess drift in organization ${id}: trusted access for ${IAM_SERVICE_PRINCIPAL} is off; the update will enable it.`,
      );
    return { changes: !on || Boolean(olds.disableOnDelete) !== Boolean(news.disableOnDelete) };
  },

  async create(api: RootAccessApi, _kind: string, inputs: Props, report: Reporter = toStdout) {
    return { ...(await ensureTrustedAccess(api, undefined, inputs, report, "create IamTrustedAccess")) };
  },

  async read(api: RootAccessApi, _kind: string, id: string, props: Props) {
    const trusted = await call({ action: "read IamTrustedAccess", organizationId: id }, () => orgsOf(api).listTrustedServices());
    return { id, props: { ...props, organizationId: id, enabled: trusted.includes(IAM_SERVICE_PRINCIPAL) } };
  },

  async update(api: RootAccessApi, _kind: string, id: string, _olds: Props, news: Props, report: Reporter = toStdout) {
    return { outs: (await ensureTrustedAccess(api, id, news, report, "update IamTrustedAccess")).outs };
  },

  async remove(api: RootAccessApi, _kind: string, id: string, props: Props, report: Reporter = toStdout) {
    if (props.disableOnDelete !== true) {
      report(
        `IamTrustedAccess: leaving trusted access for ${IAM_SERVICE_PRINCIPAL} enabled in organization ${id}, because ` +
          "turning it off breaks centralized root access. Set `disableOnDelete: true` to disable it on delete.",
      );
      return;
    }
    const context = { action: "disable IAM trusted access", organizationId: id };
    const orgs = orgsOf(api);
    await reachedOrganization(orgs, context, id, {});
    await call(context, () => orgs.setTrustedAccess(IAM_SERVICE_PRINCIPAL, false));
  },
};

async function ensureTrustedAccess(api: RootAccessApi, id: string | undefined, inputs: Props, report: Reporter, action: string) {
  const orgs = orgsOf(api);
  const context: ErrorContext = { action, ...(id ? { organizationId: id } : {}) };
  const org = await reachedOrganization(orgs, context, id, inputs);
  if (org.featureSet !== "ALL") throw new OrganizationNotInAllFeaturesModeError({ ...context, organizationId: org.id });
  const trusted = await call(context, () => orgs.listTrustedServices());
  if (trusted.includes(IAM_SERVICE_PRINCIPAL)) {
    if (!id)
      report(`IamTrustedAccess: adopted trusted access for ${IAM_SERVICE_PRINCIPAL}, already enabled in organization ${org.id}.`);
  } else {
    await call(context, () => orgs.setTrustedAccess(IAM_SERVICE_PRINCIPAL, true));
  }
  const outs = {
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    enabled: true,
    disableOnDelete: inputs.disableOnDelete === true,
    ...connectionOf(inputs),
  };
  return { id: org.id, outs };
}

export const delegatedAdministrator = {
  async diff(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    if (news.accountId === UNKNOWN) return { changes: true };
    const action = "compare IamDelegatedAdministrator with the organization";
    const admins = await call({ action, accountId: id }, () => orgsOf(api).listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL));
    const registered = admins.includes(String(news.accountId));
    if (!registered)
      report(
        `IamDelegatedAdministrator drift: account ${String(news.accountId)} is not the IAM delegated administrator; the update will register it.`,
      );
    return { changes: !registered || olds.accountId !== news.accountId };
  },

  async create(api: RootAccessApi, _kind: string, inputs: Props, report: Reporter = toStdout) {
    return ensureDelegatedAdministrator(
      api,
      undefined,
      inputs,
      report,
      `register account ${String(inputs.accountId)} as IAM delegated administrator`,
    );
  },

  async read(api: RootAccessApi, _kind: string, id: string, props: Props) {
    const admins = await call({ action: "read IamDelegatedAdministrator", accountId: id }, () =>
      orgsOf(api).listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL),
    );
    return { id, props: { ...props, registered: admins.includes(id) } };
  },

  async update(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    const { outs } = await ensureDelegatedAdministrator(
      api,
      olds.organizationId as string | undefined,
      news,
      report,
      `register account ${String(news.accountId)} as IAM delegated administrator`,
    );
    // A new account replaces the old registration in place; the old one goes only after the new one is in.
    if (id !== news.accountId) await deregister(api, id, olds);
    return { outs };
  },

  async remove(api: RootAccessApi, _kind: string, id: string, props: Props) {
    await deregister(api, id, props);
  },
};

async function ensureDelegatedAdministrator(
  api: RootAccessApi,
  orgId: string | undefined,
  inputs: Props,
  report: Reporter,
  action: string,
) {
  const orgs = orgsOf(api);
  const accountId = String(inputs.accountId);
  const context: ErrorContext = { action, accountId };
  const org = await reachedOrganization(orgs, context, orgId, inputs);
  if (accountId === org.managementAccountId)
    throw new ManagementAccountAsDelegatedAdministratorError({ ...context, organizationId: org.id });
  const admins = await call({ ...context, organizationId: org.id }, () =>
    orgs.listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL),
  );
  if (admins.includes(accountId)) {
    report(`IamDelegatedAdministrator: adopted account ${accountId}, already the IAM delegated administrator of ${org.id}.`);
  } else {
    await call({ ...context, organizationId: org.id }, () =>
      orgs.setDelegatedAdministrator(accountId, IAM_SERVICE_PRINCIPAL, true),
    );
  }
  const outs = {
    accountId,
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    registered: true,
    ...connectionOf(inputs),
  };
  return { id: accountId, outs };
}

async function deregister(api: RootAccessApi, accountId: string, props: Props): Promise<void> {
  const orgs = orgsOf(api);
  const context: ErrorContext = { action: `deregister account ${accountId} as IAM delegated administrator`, accountId };
  await reachedOrganization(orgs, context, props.organizationId as string | undefined, {});
  const admins = await call(context, () => orgs.listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL));
  if (admins.includes(accountId))
    await call(context, () => orgs.setDelegatedAdministrator(accountId, IAM_SERVICE_PRINCIPAL, false));
}
