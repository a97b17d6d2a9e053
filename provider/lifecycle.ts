/**
 * What each provider method does, for every resource kind: read live state, reconcile, apply, report.
 * The AWS adapter is passed in, so tests run the same code against a fake or against the emulator.
 */
import { ALL_FEATURES, canonical, sameFeatures } from "./features";
import type { FeatureName } from "./features";
import { KINDS } from "./kinds";
import type { KindName, KindSpec, ResourceKind } from "./kinds";
import { describePlan, isEmptyPlan, reconcile } from "./reconcile";
import type { Plan } from "./reconcile";
import { FeatureChangeIncompleteError, ImportMismatchError, OrganizationMismatchError } from "./errors";
import type { ErrorContext } from "./errors";
import { DEFAULT_PROPAGATION_TIMEOUT_SECONDS, diagnose, listLiveFeatures } from "./prerequisites";
import { UNKNOWN, validateInputs } from "./validate";
import type { CheckFailure } from "./validate";
import type { ConnectionSettings, FeatureState, RootAccessApi } from "./aws";

/** What a program declares. Connection settings are not secrets; credentials never appear here. */
export interface ResourceInputs extends ConnectionSettings {
  organizationId?: string;
  enabledFeatures?: FeatureName[];
}

/** What is recorded in state. `enabledFeatures` is live; `declaredFeatures` is what delete will disable. */
export interface ResourceOutputs extends ConnectionSettings {
  organizationId: string;
  enabledFeatures: FeatureName[];
  declaredFeatures?: FeatureName[];
}

/** Stack configuration the provider honours (`aws:region`, `aws:profile`). */
export interface StackSettings {
  region?: string;
  profile?: string;
}

type Props = Record<string, unknown>;

/** Messages for the user; the engine shows a dynamic provider's stdout as info diagnostics. */
export type Reporter = (message: string) => void;
export const toStdout: Reporter = (message) => {
  process.stdout.write(`${message}\n`);
};

export function readStackSettings(config: { get(key: string): string | undefined }): StackSettings {
  const settings: StackSettings = {};
  const region = config.get("aws:region");
  const profile = config.get("aws:profile");
  if (region) settings.region = region;
  if (profile) settings.profile = profile;
  return settings;
}

export function connectionOf(props: Props): ConnectionSettings {
  const out: ConnectionSettings = {};
  for (const key of ["region", "profile", "roleArn"] as const) {
    const v = props[key];
    if (typeof v === "string" && v !== UNKNOWN) out[key] = v;
  }
  return out;
}

/** The resource's own settings win over the stack's; anything unset is left to the AWS SDK's chain. */
export function settingsFor(stack: StackSettings, props: Props): ConnectionSettings {
  return { ...stack, ...connectionOf(props) };
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
function listLive(api: RootAccessApi, context: ErrorContext, report: Reporter, inputs?: Props): Promise<FeatureState> {
  const requested = inputs?.propagationTimeoutSeconds;
  const timeoutSeconds =
    inputs === undefined ? 0 : typeof requested === "number" ? requested : DEFAULT_PROPAGATION_TIMEOUT_SECONDS;
  return listLiveFeatures(api, context, { timeoutSeconds, report });
}

type IdSource = ConstructorParameters<typeof OrganizationMismatchError>[3];

/**
 * The org guard, for every resource: acts only on the organization the resource is declared for and was created
 * in, given the organization the credentials actually reach.
 */
export function guardOrganization(
  action: string,
  reachedId: string,
  id: string | undefined,
  inputs: Props,
  idSource: IdSource = "resource ID in state",
): void {
  if (id && id !== reachedId) {
    throw new OrganizationMismatchError(action, id, reachedId, idSource);
  }
  const declared = inputs.organizationId;
  if (typeof declared === "string" && declared !== UNKNOWN && declared !== reachedId) {
    throw new OrganizationMismatchError(action, declared, reachedId, "organizationId input");
  }
}

/**
 * Runs a plan one call per feature, enabling before disabling. If a call fails after others succeeded, the error
 * says which succeeded, so the organization's state is never a guess.
 */
export async function applyPlan(api: RootAccessApi, plan: Plan, live: FeatureState): Promise<FeatureState> {
  let state = live;
  const done: string[] = [];
  const steps: Array<[FeatureName, boolean]> = [
    ...plan.enable.map((f): [FeatureName, boolean] => [f, true]),
    ...plan.disable.map((f): [FeatureName, boolean] => [f, false]),
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

/**
 * The partial state a failed create leaves behind, attached so the engine records the resource (a partial create).
 * For such errors the engine prints only `reasons`, so the message goes there too.
 */
function withPartialState(err: unknown, id: string, outs: ResourceOutputs): unknown {
  if (err instanceof FeatureChangeIncompleteError) Object.assign(err, { id, properties: outs, reasons: [err.message] });
  return err;
}

export async function check(kind: ResourceKind, _olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  return { inputs: news, failures: validateInputs(kind, news) };
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
  const live = await listLive(api, { action, organizationId: id }, report);
  guardOrganization(action, live.organizationId, id, news);
  const desired = desiredOf(kind, news);
  const plan = reconcile(desired, live.enabledFeatures, scopeOf(kind));
  if (!isEmptyPlan(plan)) {
    report(
      `${kind} drift in organization ${live.organizationId}: live features [${live.enabledFeatures.join(", ")}], ` +
        `declared [${desired.join(", ")}]; the update will ${describePlan(plan)}.`,
    );
    return { changes: true };
  }
  // The live state already matches, but a changed declaration must still be recorded for refresh and destroy.
  return { changes: !sameFeatures(declaredOf(kind, olds), desired) };
}

export async function create(
  api: RootAccessApi,
  kind: KindName,
  inputs: Props,
  report: Reporter = toStdout,
): Promise<{ id: string; outs: ResourceOutputs }> {
  const desired = desiredOf(kind, inputs);
  const action = `create ${kind}`;
  const live = await listLive(api, { action }, report, inputs);
  const importId = typeof inputs.importId === "string" ? inputs.importId : undefined;
  guardOrganization(action, live.organizationId, importId, inputs, "import option");
  // Create only switches features on; a feature that is already on is adopted as it is.
  const plan = reconcile(desired, live.enabledFeatures, []);
  if (importId) {
    // An import must leave state and AWS in agreement, so an authoritative kind also checks undeclared features.
    const full = reconcile(desired, live.enabledFeatures, scopeOf(kind));
    if (!isEmptyPlan(full)) throw new ImportMismatchError(kind, live.organizationId, describePlan(full));
  }
  const adopted = desired.filter((f) => live.enabledFeatures.includes(f));
  if (adopted.length > 0) {
    report(
      `${kind}: adopted ${adopted.join(", ")}, already enabled in organization ${live.organizationId}; no change made for ${adopted.length === 1 ? "it" : "them"}.`,
    );
  }
  const undeclared = spec(kind).fixed ? [] : live.enabledFeatures.filter((f) => !desired.includes(f));
  if (undeclared.length > 0) {
    report(
      `${kind}: ${undeclared.join(", ")} is enabled in organization ${live.organizationId} but not declared; ` +
        "OrganizationsFeatures is authoritative, so the next update will disable it unless you add it to enabledFeatures.",
    );
  }
  let state: FeatureState;
  try {
    state = await applyPlan(api, plan, live);
  } catch (e) {
    throw withPartialState(e, live.organizationId, outputsFor(kind, live, inputs));
  }
  return { id: state.organizationId, outs: outputsFor(kind, state, inputs) };
}

export async function read(
  api: RootAccessApi,
  kind: KindName,
  id: string,
  props: Props,
  report: Reporter = toStdout,
): Promise<{ id: string; props: ResourceOutputs }> {
  const action = `read ${kind}`;
  const live = await listLive(api, { action, organizationId: id }, report);
  guardOrganization(action, live.organizationId, id, {});
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
  const live = await listLive(api, { action, organizationId: id }, report, news);
  guardOrganization(action, live.organizationId, id, news);
  const plan = reconcile(desiredOf(kind, news), live.enabledFeatures, scopeOf(kind));
  const state = await applyPlan(api, plan, live);
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
  const live = await listLive(api, { action, organizationId: id }, report);
  guardOrganization(action, live.organizationId, id, {});
  // Delete wants nothing enabled, but only among the features this resource declared.
  await applyPlan(api, reconcile([], live.enabledFeatures, declaredOf(kind, props)), live);
}
