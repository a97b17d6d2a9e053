/**
 * The serialized provider of `IamDelegatedAdministrator`: the IAM delegated administrator, reconciled like the
 * features over the accounts registered for `iam.amazonaws.com`. Keyed by the organization; every operation acts on
 * the account held in state, and a change of `accountId` swaps the registration.
 */
import { IAM_SERVICE_PRINCIPAL } from "../core/features";
import { describePlan, isEmptyPlan, reconcile } from "../core/reconcile";
import type { Plan, Verbs } from "../core/reconcile";
import { fromImport, fromState, organizationIdOf } from "../core/organizationGuard";
import type { Expected } from "../core/organizationGuard";
import { claim } from "../core/claims";
import { ACCOUNT_ID_PATTERN, CONNECTION_PROPERTIES, UNKNOWN } from "../core/validate";
import {
  DelegatedAdministratorChangeError,
  ImportMismatchError,
  ManagementAccountAsDelegatedAdministratorError,
  isDelegatedAdministratorLimit,
} from "../errors";
import type { ErrorContext } from "../errors";
import type { AwsApi, OrganizationInfo } from "../aws";
import { WHEN_GONE, applyPlan, readOrganizationItems, unclaimed, unlessGone } from "./awsCalls";
import type { Applier } from "./awsCalls";
import { connectionChangeNote, connectionOf, describeConnectionChange, makeProvider } from "./provider";
import type { Lifecycle, Props, Reporter } from "./provider";

const KIND = "IamDelegatedAdministrator";
const VERBS: Verbs = { add: "register account", remove: "deregister account" };
const claimOf = (accountId: string): string => `${KIND}:${accountId}`;

function readLive(api: AwsApi, context: ErrorContext, expected: Expected | undefined, inputs: Props) {
  return readOrganizationItems(api, context, expected, inputs, () =>
    api.organizations.listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL),
  );
}

function applier(api: AwsApi): Applier<string> {
  return {
    verbs: VERBS,
    set: (accountId, registered) => api.organizations.setDelegatedAdministrator(accountId, IAM_SERVICE_PRINCIPAL, registered),
    contextOf: (accountId) => ({ accountId }),
  };
}

/** The account a resource manages: what state holds, or (for states written with the account as ID) the ID. */
function managedAccount(id: string, props: Props): string | undefined {
  if (typeof props.accountId === "string" && props.accountId !== "") return props.accountId;
  return ACCOUNT_ID_PATTERN.test(id) ? id : undefined;
}

function outputsFor(org: OrganizationInfo, accountId: string | undefined, items: string[], inputs: Props) {
  return {
    ...(accountId ? { accountId } : {}),
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    registered: accountId !== undefined && items.includes(accountId),
    ...connectionOf(inputs),
  };
}

/**
 * Applies a plan. Registering comes first, so an organization is never without a delegated administrator; when IAM
 * accepts no further one, the accounts to remove make room first, and if the new account still cannot be registered
 * they are registered again, so nothing is lost without saying so.
 */
async function applySwap(api: AwsApi, org: OrganizationInfo, plan: Plan<string>, report: Reporter): Promise<void> {
  const set = applier(api);
  try {
    return await applyPlan(api, org.id, plan, set);
  } catch (e) {
    if (!isDelegatedAdministratorLimit(e) || plan.remove.length === 0) throw e;
  }
  const old = plan.remove.join(", ");
  const account = plan.add.join(", ");
  report(
    `${KIND}: IAM accepts no further delegated administrator in organization ${org.id}, so account ${old} is ` +
      `deregistered first, then account ${account} registered.`,
  );
  await applyPlan(api, org.id, { add: [], remove: plan.remove }, set);
  try {
    await applyPlan(api, org.id, { add: plan.add, remove: [] }, set);
  } catch (failure) {
    const restored = await applyPlan(api, org.id, { add: plan.remove, remove: [] }, set).then(
      () => true,
      () => false,
    );
    throw new DelegatedAdministratorChangeError(org.id, plan.remove, account, restored, failure as Error);
  }
}

/** What create and update will do: the declared account registered, and any account this resource held before not. */
async function planEnsure(
  api: AwsApi,
  expected: Expected | undefined,
  previous: string | undefined,
  inputs: Props,
  importing: boolean,
) {
  const accountId = String(inputs.accountId);
  const context: ErrorContext = { action: `register account ${accountId} as IAM delegated administrator`, accountId };
  const { org, items } = await readLive(api, context, expected, inputs);
  if (accountId === org.managementAccountId) {
    throw new ManagementAccountAsDelegatedAdministratorError({ ...context, organizationId: org.id });
  }
  const plan = reconcile([accountId], items, previous ? [previous, accountId] : [accountId]);
  if (importing && !isEmptyPlan(plan)) throw new ImportMismatchError(KIND, org.id, describePlan(plan, VERBS));
  return { accountId, org, plan };
}

/** Create and update: the declared account must end up registered, and any account this resource held before not. */
async function ensure(
  api: AwsApi,
  expected: Expected | undefined,
  previous: string | undefined,
  inputs: Props,
  report: Reporter,
  importing = false,
) {
  const { accountId, org, plan } = await planEnsure(api, expected, previous, inputs, importing);
  if (importing) {
    report(`${KIND}: imported organization ${org.id} by adoption (account ${accountId} is registered; nothing was changed).`);
  } else if (!plan.add.includes(accountId) && !expected) {
    report(`${KIND}: adopted account ${accountId}, already the IAM delegated administrator of ${org.id}.`);
  }
  await applySwap(api, org, plan, report);
  claim(org.id, claimOf(accountId), KIND);
  return { id: org.id, outs: outputsFor(org, accountId, [accountId], inputs) };
}

const lifecycle: Lifecycle = {
  async planCreate(api, inputs, report) {
    const importing = inputs.importId !== undefined;
    const { accountId, org, plan } = await planEnsure(api, fromImport(inputs.importId), undefined, inputs, importing);
    const work = isEmptyPlan(plan)
      ? `adopt account ${accountId}, already the IAM delegated administrator`
      : describePlan(plan, VERBS);
    report(`${KIND}: the ${importing ? "import" : "create"} will ${work} in organization ${org.id}.`);
  },

  async diff(api, id, olds, news, report) {
    if (news.accountId === UNKNOWN || news.organizationId === UNKNOWN) return { changes: true };
    // Declared and unchanged still counts: a delete later in this deployment must leave this account registered.
    const organizationId = organizationIdOf(id, olds);
    if (organizationId) claim(organizationId, claimOf(String(news.accountId)), KIND);
    const { org, items } = await readLive(
      api,
      { action: `compare ${KIND} with the live organization` },
      fromState(id, olds),
      news,
    );
    const before = managedAccount(id, olds);
    const accountId = String(news.accountId);
    const plan = reconcile([accountId], items, before ? [before, accountId] : [accountId]);
    if (before !== accountId) {
      report(
        `${KIND} in organization ${org.id}: the declaration changed from account ${before ?? "(none)"} to account ` +
          `${accountId}; the update will ${isEmptyPlan(plan) ? "record it" : describePlan(plan, VERBS)}.`,
      );
      return { changes: true };
    }
    if (!isEmptyPlan(plan)) {
      report(
        `${KIND} drift in organization ${org.id}: account ${accountId} is not registered as IAM delegated administrator; ` +
          `the update will ${describePlan(plan, VERBS)}.`,
      );
      return { changes: true };
    }
    const connection = describeConnectionChange(olds, news);
    if (connection) report(connectionChangeNote(KIND, connection));
    return { changes: Boolean(connection) };
  },

  create: (api, inputs, report) =>
    ensure(api, fromImport(inputs.importId), undefined, inputs, report, inputs.importId !== undefined),

  async read(api, id, props, report) {
    const organizationId = organizationIdOf(id, props);
    const live = await unlessGone(api, KIND, organizationId, WHEN_GONE.read, report, () =>
      readLive(api, { action: `read ${KIND}` }, fromState(id, props), {}),
    );
    if (!live) return { id: "", props: {} };
    // A lookup by organization (`get`) holds no account yet: it reports the one registered, if there is one.
    const accountId = managedAccount(id, props) ?? (live.items.length === 1 ? live.items[0] : undefined);
    return { id: live.org.id, props: outputsFor(live.org, accountId, live.items, props) };
  },

  async update(api, id, olds, news, report) {
    return { outs: (await ensure(api, fromState(id, olds), managedAccount(id, olds), news, report)).outs };
  },

  async delete(api, id, props, report) {
    const accountId = managedAccount(id, props);
    const context: ErrorContext = {
      action: `deregister account ${accountId ?? "(none)"} as IAM delegated administrator`,
      ...(accountId ? { accountId } : {}),
    };
    const live = await unlessGone(api, KIND, organizationIdOf(id, props), WHEN_GONE.delete, report, () =>
      readLive(api, context, fromState(id, props), {}),
    );
    if (!live) return;
    const plan = reconcile([], live.items, accountId ? [accountId] : []);
    const remove = unclaimed(KIND, live.org.id, plan.remove, claimOf, (a) => `account ${a} registered`, report);
    await applyPlan(api, live.org.id, { add: [], remove }, applier(api));
  },
};

export = makeProvider(KIND, [...CONNECTION_PROPERTIES, "importId", "accountId"], lifecycle);
