/**
 * The lifecycle of the three feature resources: read live state, reconcile, apply, report.
 * The AWS adapter is passed in, so tests run the same code against a fake or against the emulator.
 */
import { ALL_FEATURES, canonical, sameItems } from "./features";
import type { FeatureName } from "./features";
import { KINDS } from "./kinds";
import type { KindName, KindSpec } from "./kinds";
import { describePlan, isEmptyPlan, reconcile } from "./reconcile";
import type { Plan } from "./reconcile";
import { FeatureChangeIncompleteError, ImportMismatchError, RootAccessError } from "./errors";
import type { ErrorContext } from "./errors";
import { DEFAULT_PROPAGATION_TIMEOUT_SECONDS, listLiveFeatures } from "./prerequisites";
import { claim, claimant } from "./claims";
import {
  connectionOf,
  describeConnectionChange,
  diagnose,
  fromState,
  guardOrganization,
  toStdout,
  unlessGone,
  WHEN_GONE,
} from "./lifecycleSupport";
import type { Expected, Props, Reporter } from "./lifecycleSupport";
import { UNKNOWN } from "./validate";
import type { ConnectionSettings, FeatureState, RootAccessApi } from "./aws";

/** What is recorded in state. `enabledFeatures` is live; `declaredFeatures` is what delete will disable. */
export interface ResourceOutputs extends ConnectionSettings {
  organizationId: string;
  enabledFeatures: FeatureName[];
  declaredFeatures?: FeatureName[];
}

function spec(kind: KindName): KindSpec {
  return KINDS[kind];
}

function declaredOf(kind: KindName, props: Props): FeatureName[] {
  const fixed = spec(kind).fixed;
  if (fixed) return [fixed];
  const list = props.declaredFeatures ?? props.enabledFeatures;
  return Array.isArray(list) ? canonical(list as FeatureName[]) : [];
}

function desiredOf(kind: KindName, inputs: Props): FeatureName[] {
  const fixed = spec(kind).fixed;
  return fixed ? [fixed] : canonical((inputs.enabledFeatures as FeatureName[] | undefined) ?? []);
}

/** Features a kind owns while it exists: one for the single-feature resources, all for OrganizationsFeatures. */
function scopeOf(kind: KindName): readonly FeatureName[] {
  const fixed = spec(kind).fixed;
  return fixed ? [fixed] : ALL_FEATURES;
}

function outputsFor(kind: KindName, live: FeatureState, inputs: Props): ResourceOutputs {
  const fixed = spec(kind).fixed;
  const outs: ResourceOutputs = {
    organizationId: live.organizationId,
    enabledFeatures: fixed ? live.enabledFeatures.filter((f) => f === fixed) : [...live.enabledFeatures],
    ...connectionOf(inputs),
  };
  if (!fixed) outs.declaredFeatures = declaredOf(kind, inputs);
  return outs;
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  return false;
}

/** Live features; create and update wait for trusted access to reach IAM, other operations answer at once. */
function listLive(
  api: RootAccessApi,
  context: ErrorContext,
  report: Reporter,
  expected: Expected | undefined,
  inputs?: Props,
): Promise<FeatureState> {
  const requested = inputs?.propagationTimeoutSeconds;
  const timeoutSeconds =
    inputs === undefined ? 0 : typeof requested === "number" ? requested : DEFAULT_PROPAGATION_TIMEOUT_SECONDS;
  return listLiveFeatures(api, context, { timeoutSeconds, report, ...(expected ? { expected } : {}) });
}

/**
 * Runs a plan one call per feature, enabling before disabling. If a call fails after others succeeded, the error
 * says which succeeded, so the organization's state is never a guess.
 */
export async function applyPlan(api: RootAccessApi, plan: Plan<FeatureName>, live: FeatureState): Promise<FeatureState> {
  let state = live;
  const done: string[] = [];
  const steps: Array<[FeatureName, boolean]> = [
    ...plan.add.map((f): [FeatureName, boolean] => [f, true]),
    ...plan.remove.map((f): [FeatureName, boolean] => [f, false]),
  ];
  for (const [feature, enabled] of steps) {
    const step = `${enabled ? "enable" : "disable"} ${feature}`;
    try {
      state = await api.setFeature(feature, enabled);
    } catch (e) {
      const mapped = await diagnose(api, e, { action: step, organizationId: live.organizationId });
      if (done.length === 0) throw mapped;
      throw new FeatureChangeIncompleteError(live.organizationId, done, step, mapped);
    }
    done.push(step);
  }
  return state;
}

/** Records, for deletes later in this deployment, which features this resource wants on. */
function claimDesired(kind: KindName, state: FeatureState, desired: readonly FeatureName[]): void {
  for (const feature of desired) if (state.enabledFeatures.includes(feature)) claim(state.organizationId, feature, kind);
}

/**
 * The partial state a failed create leaves behind, attached so the engine records the resource (a partial create).
 * For such errors the engine prints only `reasons`, so the message goes there too.
 */
function withPartialState(err: unknown, id: string, outs: ResourceOutputs): unknown {
  if (err instanceof FeatureChangeIncompleteError) Object.assign(err, { id, properties: outs, reasons: [err.message] });
  return err;
}

/** Why a diff found changes: a changed declaration is not drift, and is worded differently. */
function describeDiff(kind: KindName, live: FeatureState, olds: Props, desired: FeatureName[], plan: Plan<FeatureName>): string {
  const previously = declaredOf(kind, olds);
  const declarationChanged = !sameItems(previously, desired);
  const drifted = !isEmptyPlan(reconcile(previously, live.enabledFeatures, scopeOf(kind)));
  const where = `in organization ${live.organizationId}`;
  const then = `the update will ${describePlan(plan)}.`;
  if (!declarationChanged) {
    return `${kind} drift ${where}: live features [${live.enabledFeatures.join(", ")}], declared [${desired.join(", ")}]; ${then}`;
  }
  const change = `the declaration changed from [${previously.join(", ")}] to [${desired.join(", ")}]`;
  const alsoDrift = drifted ? `, and the live features [${live.enabledFeatures.join(", ")}] drifted from the old one` : "";
  return `${kind} ${where}: ${change}${alsoDrift}; ${then}`;
}

export async function diff(
  api: RootAccessApi,
  kind: KindName,
  id: string,
  olds: Props,
  news: Props,
  report: Reporter = toStdout,
): Promise<{ changes: boolean }> {
  // An input only known after an update cannot be compared; the engine shows it as a pending change.
  if (containsUnknown(news.enabledFeatures) || news.organizationId === UNKNOWN) return { changes: true };
  const action = `compare ${kind} with the live organization`;
  let live: FeatureState;
  try {
    live = await listLive(api, { action }, report, fromState(id));
  } catch (e) {
    if (!(RootAccessError.isInstance(e) && e.name === "ServiceAccessNotEnabledError")) throw e;
    // Trusted access is off (or still propagating): a declared IamTrustedAccess enables it first, then the update waits.
    report(
      `${kind} in organization ${id}: IAM cannot report the features while trusted access for IAM is off in AWS ` +
        "Organizations (or has not reached IAM yet). The update waits for it; declare `IamTrustedAccess` (or use " +
        "`CentralizedRootAccess`) so that it is enabled first, otherwise the update fails with ServiceAccessNotEnabledError.",
    );
    return { changes: true };
  }
  guardOrganization(action, live.organizationId, fromState(id), news);
  const desired = desiredOf(kind, news);
  const plan = reconcile(desired, live.enabledFeatures, scopeOf(kind));
  if (!isEmptyPlan(plan)) {
    report(describeDiff(kind, live, olds, desired, plan));
    return { changes: true };
  }
  const connection = describeConnectionChange(olds, news);
  if (connection) {
    report(`${kind}: connection settings changed (${connection}); the update records them and changes nothing in AWS.`);
    return { changes: true };
  }
  // The live state already matches, but a changed declaration must still be recorded for refresh and destroy.
  return { changes: !sameItems(declaredOf(kind, olds), desired) };
}

export async function create(
  api: RootAccessApi,
  kind: KindName,
  inputs: Props,
  report: Reporter = toStdout,
): Promise<{ id: string; outs: ResourceOutputs }> {
  const desired = desiredOf(kind, inputs);
  const action = `create ${kind}`;
  const importId = typeof inputs.importId === "string" ? inputs.importId : undefined;
  const expected: Expected | undefined = importId ? { organizationId: importId, source: "import option" } : undefined;
  const live = await listLive(api, { action }, report, expected, inputs);
  guardOrganization(action, live.organizationId, expected, inputs);
  // Create only switches features on; a feature that is already on is adopted as it is.
  const plan = reconcile(desired, live.enabledFeatures, []);
  const org = live.organizationId;
  if (importId) {
    // An import must leave state and AWS in agreement, so an authoritative kind also checks undeclared features.
    const full = reconcile(desired, live.enabledFeatures, scopeOf(kind));
    if (!isEmptyPlan(full)) throw new ImportMismatchError(kind, org, describePlan(full));
    report(`${kind}: imported organization ${org} by adoption (the live state matches the declaration; nothing was changed).`);
  } else {
    const adopted = desired.filter((f) => live.enabledFeatures.includes(f));
    if (adopted.length > 0) {
      report(
        `${kind}: adopted ${adopted.join(", ")}, already enabled in organization ${org}; no change made for ${adopted.length === 1 ? "it" : "them"}.`,
      );
    }
  }
  const undeclared = spec(kind).fixed ? [] : live.enabledFeatures.filter((f) => !desired.includes(f));
  if (undeclared.length > 0) {
    report(
      `${kind}: ${undeclared.join(", ")} is enabled in organization ${org} but not declared; ` +
        "OrganizationsFeatures is authoritative, so the next update will disable it unless you add it to enabledFeatures.",
    );
  }
  let state: FeatureState;
  try {
    state = await applyPlan(api, plan, live);
  } catch (e) {
    throw withPartialState(e, org, outputsFor(kind, live, inputs));
  }
  claimDesired(kind, state, desired);
  return { id: state.organizationId, outs: outputsFor(kind, state, inputs) };
}

export async function read(
  api: RootAccessApi,
  kind: KindName,
  id: string,
  props: Props,
  report: Reporter = toStdout,
): Promise<{ id: string; props: ResourceOutputs | Props }> {
  const action = `read ${kind}`;
  const live = await unlessGone(api, kind, id, WHEN_GONE.read, report, () => listLive(api, { action }, report, fromState(id)));
  if (!live) return { id: "", props: {} };
  guardOrganization(action, live.organizationId, fromState(id), {});
  return { id, props: outputsFor(kind, live, props) };
}

export async function update(
  api: RootAccessApi,
  kind: KindName,
  id: string,
  _olds: Props,
  news: Props,
  report: Reporter = toStdout,
): Promise<{ outs: ResourceOutputs }> {
  const action = `update ${kind}`;
  const live = await listLive(api, { action }, report, fromState(id), news);
  guardOrganization(action, live.organizationId, fromState(id), news);
  const desired = desiredOf(kind, news);
  const state = await applyPlan(api, reconcile(desired, live.enabledFeatures, scopeOf(kind)), live);
  claimDesired(kind, state, desired);
  return { outs: outputsFor(kind, state, news) };
}

export async function remove(
  api: RootAccessApi,
  kind: KindName,
  id: string,
  props: Props,
  report: Reporter = toStdout,
): Promise<void> {
  const action = `delete ${kind}`;
  const live = await unlessGone(api, kind, id, WHEN_GONE.delete, report, () => listLive(api, { action }, report, fromState(id)));
  if (!live) return;
  guardOrganization(action, live.organizationId, fromState(id), {});
  // Delete wants nothing enabled, but only among the features this resource declared, and never a feature another
  // resource of this deployment took over (a rename or a change of style).
  const plan = reconcile([], live.enabledFeatures, declaredOf(kind, props));
  const kept = plan.remove.filter((f) => claimant(live.organizationId, f) !== undefined);
  for (const f of kept) {
    report(
      `${kind}: leaving ${f} enabled in organization ${live.organizationId}, because ${claimant(live.organizationId, f)} ` +
        "now manages it (declared in this same deployment); nothing was disabled for it.",
    );
  }
  await applyPlan(api, { add: [], remove: plan.remove.filter((f) => !kept.includes(f)) }, live);
}
