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
import { TARGET_KEYS } from "../core/target";
import { ACCOUNT_ID_PATTERN, UNKNOWN, importIsOrganization } from "../core/validate";
import {
  DelegatedAdministratorChangeError,
  ImportMismatchError,
  ManagementAccountAsDelegatedAdministratorError,
  isDelegatedAdministratorLimit,
} from "../errors";
import type { ErrorContext } from "../errors";
import type { AwsApi, OrganizationInfo } from "../aws";
import {
  REMOVE_ADOPTED,
  WHEN_GONE,
  adoptedOnDeleteNote,
  applyPlan,
  notAdopted,
  readOrganizationItems,
  unclaimed,
  unlessGone,
} from "./awsCalls";
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

function outputsFor(org: OrganizationInfo, accountId: string | undefined, items: string[], inputs: Props, adopted: boolean) {
  return {
    ...(accountId ? { accountId } : {}),
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    registered: accountId !== undefined && items.includes(accountId),
    // Registered before create adopted it, and ever since: delete leaves it registered.
    ...(adopted ? { adopted: true } : {}),
    ...(inputs[REMOVE_ADOPTED] === true ? { [REMOVE_ADOPTED]: true } : {}),
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

/**
 * The accounts a plan may deregister. An existing resource owns IAM's delegated administrators: an account registered
 * outside the program can open root sessions in every member account, so it is drift. A create adopts the one it
 * declares and leaves the others to the next update, saying so.
 */
function scopeOf(items: string[], accountId: string, previous: string | undefined, authoritative: boolean): string[] {
  return authoritative ? [...items, accountId] : previous ? [previous, accountId] : [accountId];
}

/** What create and update will do: the declared account registered, and (update) no other account. */
async function planEnsure(
  api: AwsApi,
  expected: Expected | undefined,
  previous: string | undefined,
  inputs: Props,
  importing: boolean,
  authoritative = false,
) {
  const accountId = String(inputs.accountId);
  const context: ErrorContext = { action: `register account ${accountId} as IAM delegated administrator`, accountId };
  const { org, items } = await readLive(api, context, expected, inputs);
  if (accountId === org.managementAccountId) {
    throw new ManagementAccountAsDelegatedAdministratorError({ ...context, organizationId: org.id });
  }
  const plan = reconcile([accountId], items, scopeOf(items, accountId, previous, authoritative));
  if (importing && !isEmptyPlan(plan)) throw new ImportMismatchError(KIND, org.id, describePlan(plan, VERBS));
  return { accountId, org, plan, undeclared: items.filter((a) => a !== accountId && !plan.remove.includes(a)) };
}

/** Accounts registered beside the declared one, which the next update deregisters. */
function undeclaredNote(org: OrganizationInfo, undeclared: string[], when: string): string {
  return (
    `${KIND}: account ${undeclared.join(", ")} is also registered as IAM delegated administrator of ${org.id} but not ` +
    `declared; ${when} deregisters it unless you declare it.`
  );
}

/** Create and update: the declared account must end up registered, and any account this resource held before not. */
async function ensure(
  api: AwsApi,
  expected: Expected | undefined,
  previous: string | undefined,
  inputs: Props,
  report: Reporter,
  importing = false,
  authoritative = false,
  keepsAdopted = false,
) {
  const { accountId, org, plan, undeclared } = await planEnsure(api, expected, previous, inputs, importing, authoritative);
  if (undeclared.length > 0) report(undeclaredNote(org, undeclared, "the next update"));
  // A create adopts an account registered before it; an import manages fully. An update keeps what create adopted
  // while the account stays declared and registered.
  const found = !plan.add.includes(accountId);
  const adopted = previous === undefined ? !importing && found : keepsAdopted && found;
  if (importing) {
    report(`${KIND}: imported organization ${org.id} by adoption (account ${accountId} is registered; nothing was changed).`);
  } else if (adopted && !expected) {
    const onDelete = inputs[REMOVE_ADOPTED] === true ? "deleting this resource deregisters it" : adoptedOnDeleteNote("it");
    report(`${KIND}: adopted account ${accountId}, already the IAM delegated administrator of ${org.id}; ${onDelete}.`);
  }
  await applySwap(api, org, plan, report);
  claim(org.id, claimOf(accountId), KIND);
  return { id: org.id, outs: outputsFor(org, accountId, [accountId], inputs, adopted) };
}

const lifecycle: Lifecycle = {
  async planCreate(api, inputs, report) {
    const importing = inputs.importId !== undefined;
    const { accountId, org, plan, undeclared } = await planEnsure(api, fromImport(inputs.importId), undefined, inputs, importing);
    const work = isEmptyPlan(plan)
      ? `adopt account ${accountId}, already the IAM delegated administrator`
      : describePlan(plan, VERBS);
    report(`${KIND}: the ${importing ? "import" : "create"} will ${work} in organization ${org.id}.`);
    if (undeclared.length > 0) report(undeclaredNote(org, undeclared, "the first update after it"));
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
    const plan = reconcile([accountId], items, scopeOf(items, accountId, before, true));
    if (before !== accountId) {
      report(
        `${KIND} in organization ${org.id}: the declaration changed from account ${before ?? "(none)"} to account ` +
          `${accountId}; \`pulumi up\` will ${isEmptyPlan(plan) ? "record it" : describePlan(plan, VERBS)}.`,
      );
      return { changes: true };
    }
    if (!isEmptyPlan(plan)) {
      const found = [
        ...(plan.add.length > 0 ? [`account ${accountId} is not registered as IAM delegated administrator`] : []),
        ...(plan.remove.length > 0
          ? [`account ${plan.remove.join(", ")} is registered as IAM delegated administrator but not declared`]
          : []),
      ];
      report(`${KIND} drift in organization ${org.id}: ${found.join("; ")}; \`pulumi up\` will ${describePlan(plan, VERBS)}.`);
      return { changes: true, drift: { registered: "update" } };
    }
    const connection = describeConnectionChange(olds, news);
    if (connection) report(connectionChangeNote(KIND, connection));
    return { changes: Boolean(connection) || Boolean(olds[REMOVE_ADOPTED]) !== Boolean(news[REMOVE_ADOPTED]) };
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
    return { id: live.org.id, props: outputsFor(live.org, accountId, live.items, props, props.adopted === true) };
  },

  async update(api, id, olds, news, report) {
    const previous = managedAccount(id, olds);
    const keepsAdopted = olds.adopted === true && previous === news.accountId;
    return { outs: (await ensure(api, fromState(id, olds), previous, news, report, false, true, keepsAdopted)).outs };
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
    const describe = (a: string) => `account ${a} registered`;
    const remove = notAdopted(
      KIND,
      live.org.id,
      unclaimed(KIND, live.org.id, plan.remove, claimOf, describe, report),
      props.adopted === true && accountId ? [accountId] : [],
      props,
      describe,
      report,
    );
    await applyPlan(api, live.org.id, { add: [], remove }, applier(api));
  },
};

export = makeProvider(KIND, [...TARGET_KEYS, "importId", "accountId", REMOVE_ADOPTED], lifecycle, [importIsOrganization]);
