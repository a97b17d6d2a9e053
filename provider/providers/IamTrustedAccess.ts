/**
 * The serialized provider of `IamTrustedAccess`: trusted access for IAM in AWS Organizations, reconciled like the
 * features over the one item `iam.amazonaws.com` (no other service principal is ever touched). Keyed by the
 * organization. Delete leaves trusted access on unless `disableOnDelete` says otherwise.
 */
import { IAM_SERVICE_PRINCIPAL } from "../core/features";
import { describePlan, isEmptyPlan, reconcile } from "../core/reconcile";
import type { Verbs } from "../core/reconcile";
import { fromImport, fromState } from "../core/organizationGuard";
import type { Expected } from "../core/organizationGuard";
import { claim } from "../core/claims";
import { TARGET_KEYS } from "../core/target";
import { UNKNOWN, importIsOrganization } from "../core/validate";
import { ImportMismatchError, OrganizationNotInAllFeaturesModeError } from "../errors";
import { bestEffort } from "../aws";
import type { AwsApi, OrganizationInfo } from "../aws";
import { WHEN_GONE, applyPlan, readOrganizationItems, unclaimed, unlessGone } from "./awsCalls";
import type { Applier } from "./awsCalls";
import { connectionChangeNote, connectionOf, describeConnectionChange, makeProvider } from "./provider";
import type { Lifecycle, Props, Reporter } from "./provider";

const KIND = "IamTrustedAccess";
const VERBS: Verbs = { add: "enable trusted access for", remove: "disable trusted access for" };
const ONLY_IAM = [IAM_SERVICE_PRINCIPAL];
const CLAIM = `${KIND}:${IAM_SERVICE_PRINCIPAL}`;

function readLive(api: AwsApi, action: string, expected: Expected | undefined, inputs: Props) {
  return readOrganizationItems(api, { action }, expected, inputs, async () =>
    (await api.organizations.listTrustedServices()).filter((p) => p === IAM_SERVICE_PRINCIPAL),
  );
}

function applier(api: AwsApi): Applier<string> {
  return { verbs: VERBS, set: (principal, enabled) => api.organizations.setTrustedAccess(principal, enabled) };
}

function outputsFor(org: OrganizationInfo, items: string[], inputs: Props) {
  return {
    organizationId: org.id,
    servicePrincipal: IAM_SERVICE_PRINCIPAL,
    enabled: items.includes(IAM_SERVICE_PRINCIPAL),
    disableOnDelete: inputs.disableOnDelete === true,
    ...connectionOf(inputs),
  };
}

/** What create and update will do: trusted access for IAM must end up on. An import changes nothing, or refuses. */
async function planEnsure(api: AwsApi, action: string, expected: Expected | undefined, inputs: Props, importing: boolean) {
  const { org, items } = await readLive(api, action, expected, inputs);
  if (org.featureSet !== "ALL") throw new OrganizationNotInAllFeaturesModeError({ action, organizationId: org.id });
  const plan = reconcile(ONLY_IAM, items, ONLY_IAM);
  if (importing && !isEmptyPlan(plan)) throw new ImportMismatchError(KIND, org.id, describePlan(plan, VERBS));
  return { org, plan };
}

/** Create and update: trusted access for IAM must end up on. */
async function ensure(
  api: AwsApi,
  action: string,
  expected: Expected | undefined,
  inputs: Props,
  report: Reporter,
  importing = false,
) {
  const { org, plan } = await planEnsure(api, action, expected, inputs, importing);
  if (importing) {
    report(
      `${KIND}: imported organization ${org.id} by adoption (trusted access for ${IAM_SERVICE_PRINCIPAL} is on; nothing was changed).`,
    );
  } else if (isEmptyPlan(plan) && !expected) {
    report(`${KIND}: adopted trusted access for ${IAM_SERVICE_PRINCIPAL}, already enabled in organization ${org.id}.`);
  }
  await applyPlan(api, org.id, plan, applier(api));
  claim(org.id, CLAIM, KIND);
  return { id: org.id, outs: outputsFor(org, ONLY_IAM, inputs) };
}

const lifecycle: Lifecycle = {
  async planCreate(api, inputs, report) {
    const importing = inputs.importId !== undefined;
    const { org, plan } = await planEnsure(api, `create ${KIND}`, fromImport(inputs.importId), inputs, importing);
    const work = isEmptyPlan(plan)
      ? `adopt trusted access for ${IAM_SERVICE_PRINCIPAL}, already enabled`
      : describePlan(plan, VERBS);
    report(`${KIND}: the ${importing ? "import" : "create"} will ${work} in organization ${org.id}.`);
  },

  async diff(api, id, olds, news, report) {
    if (news.organizationId === UNKNOWN) return { changes: true };
    // Declared and unchanged still counts: a delete later in this deployment must leave trusted access on.
    claim(id, CLAIM, KIND);
    const { org, items } = await readLive(api, `compare ${KIND} with the live organization`, fromState(id, olds), news);
    const plan = reconcile(ONLY_IAM, items, ONLY_IAM);
    if (!isEmptyPlan(plan)) {
      report(
        `${KIND} drift in organization ${org.id}: trusted access for ${IAM_SERVICE_PRINCIPAL} is off; \`pulumi up\` will ${describePlan(plan, VERBS)}.`,
      );
      return { changes: true, drift: { enabled: "update" } };
    }
    const connection = describeConnectionChange(olds, news);
    if (connection) report(connectionChangeNote(KIND, connection));
    return { changes: Boolean(connection) || Boolean(olds.disableOnDelete) !== Boolean(news.disableOnDelete) };
  },

  create: (api, inputs, report) =>
    ensure(api, `create ${KIND}`, fromImport(inputs.importId), inputs, report, inputs.importId !== undefined),

  async read(api, id, props, report) {
    const live = await unlessGone(api, KIND, id, WHEN_GONE.read, report, () =>
      readLive(api, `read ${KIND}`, fromState(id, props), {}),
    );
    return live ? { id: live.org.id, props: outputsFor(live.org, live.items, props) } : { id: "", props: {} };
  },

  async update(api, id, olds, news, report) {
    return { outs: (await ensure(api, `update ${KIND}`, fromState(id, olds), news, report)).outs };
  },

  async delete(api, id, props, report) {
    if (props.disableOnDelete !== true) {
      report(
        `${KIND}: leaving trusted access for ${IAM_SERVICE_PRINCIPAL} enabled in organization ${id}, because ` +
          "turning it off breaks centralized root access. Set `disableOnDelete: true` to disable it on delete.",
      );
      return;
    }
    const live = await unlessGone(api, KIND, id, WHEN_GONE.delete, report, () =>
      readLive(api, `delete ${KIND}`, fromState(id, props), {}),
    );
    if (!live) return;
    const plan = reconcile([], live.items, ONLY_IAM);
    const remove = unclaimed(
      KIND,
      live.org.id,
      plan.remove,
      (p) => `${KIND}:${p}`,
      (p) => `trusted access for ${p} enabled`,
      report,
    );
    const users = remove.length > 0 ? await stillUsing(api) : [];
    if (users === undefined || users.length > 0) {
      const why = users
        ? `${users.join(" and ")} still depend on it; turning it off would leave them broken, a state nobody declared`
        : "it could not be checked that no feature or delegated administrator still depends on it (allow " +
          "`iam:ListOrganizationsFeatures` and `organizations:ListDelegatedAdministrators`)";
      report(
        `${KIND}: leaving trusted access for ${IAM_SERVICE_PRINCIPAL} enabled in organization ${live.org.id}, because ` +
          `${why}. Nothing was changed for it. Disable or deregister them first (they were on before the program, or ` +
          "not declared by it), then delete this resource again.",
      );
      return;
    }
    await applyPlan(api, live.org.id, { add: [], remove }, applier(api));
  },
};

/**
 * What centralized root access still has on: features enabled, accounts registered as IAM delegated administrator.
 * Undefined when either could not be read: then nobody can say it is safe to turn trusted access off.
 */
async function stillUsing(api: AwsApi): Promise<string[] | undefined> {
  const [features, admins] = await Promise.all([
    bestEffort(() => api.iam.listFeatures()),
    bestEffort(() => api.organizations.listDelegatedAdministrators(IAM_SERVICE_PRINCIPAL)),
  ]);
  if (!features || !admins) return undefined;
  return [
    ...(features.enabledFeatures.length ? [`${features.enabledFeatures.join(", ")} (enabled)`] : []),
    ...(admins.length ? [`account ${admins.join(", ")} (IAM delegated administrator)`] : []),
  ];
}

export = makeProvider(KIND, [...TARGET_KEYS, "importId", "disableOnDelete"], lifecycle, [importIsOrganization]);
