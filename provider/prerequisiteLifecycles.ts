/**
 * The lifecycles of the two prerequisites of centralized root access: IAM trusted access in AWS Organizations and
 * the IAM delegated administrator. Both are the features' mechanism over other items: read what is live, reconcile
 * with what is declared, apply the difference. Both only ever touch `iam.amazonaws.com`, and both are keyed by the
 * organization, so every operation acts on what state holds.
 */
import {
  ChangeIncompleteError,
  DelegatedAdministratorChangeError,
  ManagementAccountAsDelegatedAdministratorError,
  OrganizationNotInAllFeaturesModeError,
  isDelegatedAdministratorLimit,
  mapAwsError,
} from "./errors";
import type { ErrorContext } from "./errors";
import { IAM_SERVICE_PRINCIPAL } from "./kinds";
import type { OrganizationInfo, RootAccessApi } from "./aws";
import { UNKNOWN } from "./validate";
import { describePlan, isEmptyPlan, reconcile } from "./reconcile";
import type { Plan, Verbs } from "./reconcile";
import { claim, claimant } from "./claims";
import {
  connectionOf,
  describeConnectionChange,
  diagnose,
  fromState,
  organizationIdOf,
  reachedOrganization,
  toStdout,
  unlessGone,
  WHEN_GONE,
} from "./lifecycleSupport";
import type { Expected, Props, Reporter } from "./lifecycleSupport";

/** A prerequisite's live state: the organization reached, and the items of the kind that are present. */
interface Live {
  org: OrganizationInfo;
  items: string[];
}

/** Reads the organization and the live items; `undefined` when the credentials reach no organization at all. */
async function readLive(
  api: RootAccessApi,
  context: ErrorContext,
  expected: Expected | undefined,
  inputs: Props,
  list: (api: RootAccessApi) => Promise<string[]>,
): Promise<Live> {
  const org = await reachedOrganization(api, context, expected, inputs);
  try {
    return { org, items: await list(api) };
  } catch (e) {
    throw await diagnose(api, e, { ...context, organizationId: org.id }, expected);
  }
}

/** Runs a plan: additions first, then removals; a failure after a success says what was done. */
async function applyItems(
  api: RootAccessApi,
  org: OrganizationInfo,
  plan: Plan<string>,
  verbs: Verbs,
  set: (api: RootAccessApi, item: string, present: boolean) => Promise<void>,
): Promise<void> {
  const done: string[] = [];
  const steps: Array<[string, boolean]> = [
    ...plan.add.map((i): [string, boolean] => [i, true]),
    ...plan.remove.map((i): [string, boolean] => [i, false]),
  ];
  for (const [item, present] of steps) {
    const step = `${present ? verbs.add : verbs.remove} ${item}`;
    try {
      await set(api, item, present);
    } catch (e) {
      const mapped = await diagnose(api, e, { action: step, organizationId: org.id, accountId: item });
      if (done.length === 0) throw mapped;
      throw new ChangeIncompleteError(org.id, done, step, mapped);
    }
    done.push(step);
  }
}

/** The delete rule shared by both prerequisites: skip items another resource took over in this deployment. */
function unclaimed(kind: string, org: string, items: string[], describe: (item: string) => string, report: Reporter): string[] {
  return items.filter((item) => {
    const by = claimant(org, `${kind}:${item}`);
    if (by)
      report(
        `${kind}: leaving ${describe(item)} in organization ${org}, because ${by} now manages it (declared in this same deployment).`,
      );
    return by === undefined;
  });
}

/* ---------------------------------------------------------------- IAM trusted access */

const TRUSTED_ACCESS = "IamTrustedAccess";
const TRUSTED_VERBS: Verbs = { add: "enable trusted access for", remove: "disable trusted access for" };

async function liveTrusted(api: RootAccessApi): Promise<string[]> {
  return (await api.organizations.listTrustedServices()).filter((p) => p === IAM_SERVICE_PRINCIPAL);
}

async function setTrusted(api: RootAccessApi, principal: string, enabled: boolean): Promise<void> {
  await api.organizations.setTrustedAccess(principal, enabled);
}

function trustedOutputs(org: OrganizationInfo, items: string[], inputs: Props) {
  return {
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    enabled: items.includes(IAM_SERVICE_PRINCIPAL),
    disableOnDelete: inputs.disableOnDelete === true,
    ...connectionOf(inputs),
  };
}

/** Create and update: trusted access for IAM must end up on. */
async function ensureTrustedAccess(
  api: RootAccessApi,
  action: string,
  expected: Expected | undefined,
  inputs: Props,
  report: Reporter,
) {
  const { org, items } = await readLive(api, { action }, expected, inputs, liveTrusted);
  if (org.featureSet !== "ALL") throw new OrganizationNotInAllFeaturesModeError({ action, organizationId: org.id });
  const plan = reconcile([IAM_SERVICE_PRINCIPAL], items, [IAM_SERVICE_PRINCIPAL]);
  if (isEmptyPlan(plan) && !expected) {
    report(`${TRUSTED_ACCESS}: adopted trusted access for ${IAM_SERVICE_PRINCIPAL}, already enabled in organization ${org.id}.`);
  }
  await applyItems(api, org, plan, TRUSTED_VERBS, setTrusted);
  claim(org.id, `${TRUSTED_ACCESS}:${IAM_SERVICE_PRINCIPAL}`, TRUSTED_ACCESS);
  return { id: org.id, outs: trustedOutputs(org, [IAM_SERVICE_PRINCIPAL], inputs) };
}

export const trustedAccess = {
  async diff(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    if (news.organizationId === UNKNOWN) return { changes: true };
    const action = `compare ${TRUSTED_ACCESS} with the live organization`;
    const { org, items } = await readLive(api, { action }, fromState(id, olds), news, liveTrusted);
    const plan = reconcile([IAM_SERVICE_PRINCIPAL], items, [IAM_SERVICE_PRINCIPAL]);
    if (!isEmptyPlan(plan)) {
      report(
        `${TRUSTED_ACCESS} drift in organization ${org.id}: trusted access for ${IAM_SERVICE_PRINCIPAL} is off; the update will enable it.`,
      );
      return { changes: true };
    }
    const connection = describeConnectionChange(olds, news);
    if (connection)
      report(
        `${TRUSTED_ACCESS}: connection settings changed (${connection}); the update records them and changes nothing in AWS.`,
      );
    return { changes: Boolean(connection) || Boolean(olds.disableOnDelete) !== Boolean(news.disableOnDelete) };
  },

  async create(api: RootAccessApi, _kind: string, inputs: Props, report: Reporter = toStdout) {
    return ensureTrustedAccess(api, `create ${TRUSTED_ACCESS}`, undefined, inputs, report);
  },

  async read(api: RootAccessApi, _kind: string, id: string, props: Props, report: Reporter = toStdout) {
    const action = `read ${TRUSTED_ACCESS}`;
    const live = await unlessGone(api, TRUSTED_ACCESS, id, WHEN_GONE.read, report, () =>
      readLive(api, { action }, fromState(id, props), {}, liveTrusted),
    );
    return live ? { id: live.org.id, props: trustedOutputs(live.org, live.items, props) } : { id: "", props: {} };
  },

  async update(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    return { outs: (await ensureTrustedAccess(api, `update ${TRUSTED_ACCESS}`, fromState(id, olds), news, report)).outs };
  },

  async remove(api: RootAccessApi, _kind: string, id: string, props: Props, report: Reporter = toStdout) {
    if (props.disableOnDelete !== true) {
      report(
        `${TRUSTED_ACCESS}: leaving trusted access for ${IAM_SERVICE_PRINCIPAL} enabled in organization ${id}, because ` +
          "turning it off breaks centralized root access. Set `disableOnDelete: true` to disable it on delete.",
      );
      return;
    }
    const action = `delete ${TRUSTED_ACCESS}`;
    const live = await unlessGone(api, TRUSTED_ACCESS, id, WHEN_GONE.delete, report, () =>
      readLive(api, { action }, fromState(id, props), {}, liveTrusted),
    );
    if (!live) return;
    const plan = reconcile([], live.items, [IAM_SERVICE_PRINCIPAL]);
    const remove = unclaimed(TRUSTED_ACCESS, live.org.id, plan.remove, (p) => `trusted access for ${p} enabled`, report);
    await applyItems(api, live.org, { add: [], remove }, TRUSTED_VERBS, setTrusted);
  },
};

/* ---------------------------------------------------------------- IAM delegated administrator */

const DELEGATED_ADMINISTRATOR = "IamDelegatedAdministrator";
const ADMIN_VERBS: Verbs = { add: "register account", remove: "deregister account" };

async function liveAdministrators(api: RootAccessApi): Promise<string[]> {
  return api.organizations.listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL);
}

async function setAdministrator(api: RootAccessApi, accountId: string, registered: boolean): Promise<void> {
  await api.organizations.setDelegatedAdministrator(accountId, IAM_SERVICE_PRINCIPAL, registered);
}

/** The account a resource manages: what state holds, or (for states written with the account as ID) the ID. */
function managedAccount(id: string, props: Props): string | undefined {
  if (typeof props.accountId === "string" && props.accountId !== "") return props.accountId;
  return /^\d{12}$/.test(id) ? id : undefined;
}

function administratorOutputs(org: OrganizationInfo, accountId: string | undefined, items: string[], inputs: Props) {
  return {
    ...(accountId ? { accountId } : {}),
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    registered: accountId !== undefined && items.includes(accountId),
    ...connectionOf(inputs),
  };
}

/**
 * Applies a plan for the delegated administrator. Registering comes first, so an organization is never without
 * one; when IAM accepts no further delegated administrator, the accounts to remove make room first, and if the new
 * account still cannot be registered they are registered again, so nothing is lost without saying so.
 */
async function applyAdministrators(
  api: RootAccessApi,
  org: OrganizationInfo,
  plan: Plan<string>,
  report: Reporter,
): Promise<void> {
  const [account] = plan.add;
  if (account === undefined || plan.remove.length === 0) return applyItems(api, org, plan, ADMIN_VERBS, setAdministrator);
  try {
    await setAdministrator(api, account, true);
  } catch (e) {
    if (!isDelegatedAdministratorLimit(e))
      throw await diagnose(api, e, { action: `register account ${account}`, organizationId: org.id, accountId: account });
    report(
      `${DELEGATED_ADMINISTRATOR}: IAM accepts no further delegated administrator in organization ${org.id}, so account ` +
        `${plan.remove.join(", ")} is deregistered first, then account ${account} registered.`,
    );
    await applyItems(api, org, { add: [], remove: plan.remove }, ADMIN_VERBS, setAdministrator);
    try {
      await setAdministrator(api, account, true);
    } catch (again) {
      const cause = mapAwsError(again, { action: `register account ${account}`, organizationId: org.id, accountId: account });
      await restore(api, org, plan.remove, account, cause);
    }
    return;
  }
  await applyItems(api, org, { add: [], remove: plan.remove }, ADMIN_VERBS, setAdministrator).catch((e: unknown) => {
    throw new ChangeIncompleteError(
      org.id,
      [`register account ${account}`],
      `deregister account ${plan.remove.join(", ")}`,
      e as Error,
    );
  });
}

/** Puts the old registration back after the new one failed, and fails saying what the organization has now. */
async function restore(
  api: RootAccessApi,
  org: OrganizationInfo,
  previous: string[],
  account: string,
  cause: Error,
): Promise<never> {
  let restored = true;
  try {
    for (const old of previous) await setAdministrator(api, old, true);
  } catch {
    restored = false;
  }
  throw new DelegatedAdministratorChangeError(org.id, previous, account, restored, cause);
}

/** Create and update: the declared account must end up registered, and any account this resource held before not. */
async function ensureAdministrator(
  api: RootAccessApi,
  action: string,
  expected: Expected | undefined,
  previous: string | undefined,
  inputs: Props,
  report: Reporter,
) {
  const accountId = String(inputs.accountId);
  const context: ErrorContext = { action, accountId };
  const { org, items } = await readLive(api, context, expected, inputs, liveAdministrators);
  if (accountId === org.managementAccountId) {
    throw new ManagementAccountAsDelegatedAdministratorError({ ...context, organizationId: org.id });
  }
  const plan = reconcile([accountId], items, previous ? [previous, accountId] : [accountId]);
  if (!plan.add.includes(accountId) && !expected) {
    report(`${DELEGATED_ADMINISTRATOR}: adopted account ${accountId}, already the IAM delegated administrator of ${org.id}.`);
  }
  await applyAdministrators(api, org, plan, report);
  claim(org.id, `${DELEGATED_ADMINISTRATOR}:${accountId}`, DELEGATED_ADMINISTRATOR);
  return { id: org.id, outs: administratorOutputs(org, accountId, [accountId], inputs) };
}

export const delegatedAdministrator = {
  async diff(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    if (news.accountId === UNKNOWN || news.organizationId === UNKNOWN) return { changes: true };
    const action = `compare ${DELEGATED_ADMINISTRATOR} with the live organization`;
    const { org, items } = await readLive(api, { action }, fromState(id, olds), news, liveAdministrators);
    const before = managedAccount(id, olds);
    const accountId = String(news.accountId);
    const plan = reconcile([accountId], items, before ? [before, accountId] : [accountId]);
    if (before !== accountId) {
      report(
        `${DELEGATED_ADMINISTRATOR} in organization ${org.id}: the declaration changed from account ${before ?? "(none)"} to ` +
          `account ${accountId}; the update will ${isEmptyPlan(plan) ? "record it" : describePlan(plan, ADMIN_VERBS)}.`,
      );
      return { changes: true };
    }
    if (!isEmptyPlan(plan)) {
      report(
        `${DELEGATED_ADMINISTRATOR} drift in organization ${org.id}: account ${accountId} is not registered as IAM ` +
          `delegated administrator; the update will ${describePlan(plan, ADMIN_VERBS)}.`,
      );
      return { changes: true };
    }
    const connection = describeConnectionChange(olds, news);
    if (connection)
      report(
        `${DELEGATED_ADMINISTRATOR}: connection settings changed (${connection}); the update records them and changes nothing in AWS.`,
      );
    return { changes: Boolean(connection) };
  },

  async create(api: RootAccessApi, _kind: string, inputs: Props, report: Reporter = toStdout) {
    const action = `register account ${String(inputs.accountId)} as IAM delegated administrator`;
    return ensureAdministrator(api, action, undefined, undefined, inputs, report);
  },

  async read(api: RootAccessApi, _kind: string, id: string, props: Props, report: Reporter = toStdout) {
    const action = `read ${DELEGATED_ADMINISTRATOR}`;
    const live = await unlessGone(api, DELEGATED_ADMINISTRATOR, organizationIdOf(id, props), WHEN_GONE.read, report, () =>
      readLive(api, { action }, fromState(id, props), {}, liveAdministrators),
    );
    if (!live) return { id: "", props: {} };
    // A lookup by organization (`get`) holds no account yet: it reports the one registered, if there is one.
    const accountId = managedAccount(id, props) ?? (live.items.length === 1 ? live.items[0] : undefined);
    return { id: live.org.id, props: administratorOutputs(live.org, accountId, live.items, props) };
  },

  async update(api: RootAccessApi, _kind: string, id: string, olds: Props, news: Props, report: Reporter = toStdout) {
    const action = `register account ${String(news.accountId)} as IAM delegated administrator`;
    return { outs: (await ensureAdministrator(api, action, fromState(id, olds), managedAccount(id, olds), news, report)).outs };
  },

  async remove(api: RootAccessApi, _kind: string, id: string, props: Props, report: Reporter = toStdout) {
    const accountId = managedAccount(id, props);
    const action = `deregister account ${accountId ?? "(none)"} as IAM delegated administrator`;
    const live = await unlessGone(api, DELEGATED_ADMINISTRATOR, organizationIdOf(id, props), WHEN_GONE.delete, report, () =>
      readLive(api, { action, ...(accountId ? { accountId } : {}) }, fromState(id, props), {}, liveAdministrators),
    );
    if (!live) return;
    const plan = reconcile([], live.items, accountId ? [accountId] : []);
    const remove = unclaimed(DELEGATED_ADMINISTRATOR, live.org.id, plan.remove, (a) => `account ${a} registered`, report);
    await applyItems(api, live.org, { add: [], remove }, ADMIN_VERBS, setAdministrator);
  },
};
