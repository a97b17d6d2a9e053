/**
 * The lifecycle the three feature kinds share: read live features, reconcile with the declaration, apply, report.
 * A kind is only which features it owns: one fixed feature, or (OrganizationsFeatures) all of them, declared in
 * `enabledFeatures`.
 */
import { ALL_FEATURES, canonical, sameItems } from "../core/features";
import type { FeatureName } from "../core/features";
import { FEATURE_VERBS, describePlan, isEmptyPlan, reconcile } from "../core/reconcile";
import type { Plan } from "../core/reconcile";
import { fromImport, fromState, guardOrganization } from "../core/organizationGuard";
import type { Expected } from "../core/organizationGuard";
import { claim } from "../core/claims";
import { TARGET_KEYS } from "../core/target";
import { UNKNOWN, containsUnknown } from "../core/validate";
import { FeatureChangeIncompleteError, ImportMismatchError, isServiceAccessNotEnabled } from "../errors";
import type { ErrorContext } from "../errors";
import type { AwsApi, ConnectionSettings, FeatureState } from "../aws";
import { REMOVE_ADOPTED, WHEN_GONE, adoptedOnDeleteNote, applyPlan, notAdopted, unclaimed, unlessGone } from "./awsCalls";
import { DEFAULT_PROPAGATION_TIMEOUT_SECONDS, listLiveFeatures } from "./liveFeatures";
import { connectionChangeNote, connectionOf, describeConnectionChange } from "./provider";
import type { Lifecycle, PropertyChange, Props, Reporter } from "./provider";

/** What a feature kind is: its name, and the one feature it manages unless it is the authoritative set. */
export interface FeatureKind {
  kind: string;
  fixed?: FeatureName;
}

/** The properties of a single-feature kind; OrganizationsFeatures adds `enabledFeatures`. */
export const FEATURE_PROPERTIES = [...TARGET_KEYS, "importId", "propagationTimeoutSeconds", REMOVE_ADOPTED] as const;

/** What is recorded in state. `enabledFeatures` is live; `declaredFeatures` is what delete will disable. */
export interface FeatureOutputs extends ConnectionSettings {
  organizationId: string;
  enabledFeatures: FeatureName[];
  declaredFeatures?: FeatureName[];
  /** Features that were on before create adopted them, and have stayed on since: delete leaves them on. */
  adoptedFeatures?: FeatureName[];
  removeAdoptedOnDelete?: boolean;
}

/**
 * Trusted access is off (or still propagating): a declared IamTrustedAccess enables it first, then the operation
 * waits; a preview reports the pending change instead of failing.
 */
function trustedAccessPending(subject: string, operation: "create" | "update"): string {
  return (
    `${subject}: IAM cannot report the features while trusted access for IAM is off in AWS Organizations (or has ` +
    `not reached IAM yet). The ${operation} waits for it; declare \`IamTrustedAccess\` (or use \`CentralizedRootAccess\`) ` +
    `so that it is enabled first, otherwise the ${operation} fails with ServiceAccessNotEnabledError.`
  );
}

/** What a create of a feature kind will do, as `planFor` reads it. */
interface CreatePlan {
  live: FeatureState;
  desired: FeatureName[];
  importing: boolean;
  adopted: FeatureName[];
  plan: Plan<FeatureName>;
}

/** The features an up will turn on, at their place in the declaration; those it turns off, at theirs in the state. */
function featureDrift(plan: Plan<FeatureName>, desired: FeatureName[], recorded: FeatureName[]): Record<string, PropertyChange> {
  const drift: Record<string, PropertyChange> = {};
  for (const f of plan.add) drift[`enabledFeatures[${desired.indexOf(f)}]`] = "add";
  for (const f of plan.remove) {
    const at = recorded.indexOf(f);
    drift[at >= 0 ? `enabledFeatures[${at}]` : "enabledFeatures"] = at >= 0 ? "delete" : "update";
  }
  return drift;
}

export function featureLifecycle({ kind, fixed }: FeatureKind): Lifecycle {
  /** The features this resource declared (from state) or declares (from inputs), sorted once. */
  const declaredOf = (props: Props): FeatureName[] => {
    if (fixed) return [fixed];
    const list = props.declaredFeatures ?? props.enabledFeatures;
    return Array.isArray(list) ? canonical(list as FeatureName[]) : [];
  };
  const desiredOf = (inputs: Props): FeatureName[] =>
    fixed ? [fixed] : canonical((inputs.enabledFeatures as FeatureName[] | undefined) ?? []);
  /** Features the kind owns while it exists: its one feature, or all of them for the authoritative set. */
  const scope: readonly FeatureName[] = fixed ? [fixed] : ALL_FEATURES;

  const outputsFor = (live: FeatureState, declared: FeatureName[], inputs: Props, adopted: FeatureName[]): FeatureOutputs => ({
    organizationId: live.organizationId,
    enabledFeatures: live.enabledFeatures.filter((f) => scope.includes(f)),
    ...connectionOf(inputs),
    ...(fixed ? {} : { declaredFeatures: declared }),
    ...(adopted.length > 0 ? { adoptedFeatures: adopted } : {}),
    ...(inputs[REMOVE_ADOPTED] === true ? { [REMOVE_ADOPTED]: true } : {}),
  });
  /** What state says was adopted (none in states written before adoption was recorded: they are fully managed). */
  const adoptedOf = (props: Props): FeatureName[] =>
    Array.isArray(props.adoptedFeatures) ? (props.adoptedFeatures as FeatureName[]) : [];

  /** Live features; create and update wait for trusted access to reach IAM, other operations answer at once. */
  const listLive = (api: AwsApi, context: ErrorContext, report: Reporter, expected?: Expected, inputs?: Props) => {
    const requested = inputs?.propagationTimeoutSeconds;
    const timeoutSeconds =
      inputs === undefined ? 0 : typeof requested === "number" ? requested : DEFAULT_PROPAGATION_TIMEOUT_SECONDS;
    return listLiveFeatures(api, context, { timeoutSeconds, report, ...(expected ? { expected } : {}) });
  };

  /** Applies a plan, recording the state IAM reports after each call. */
  const apply = async (api: AwsApi, plan: Plan<FeatureName>, live: FeatureState): Promise<FeatureState> => {
    let state = live;
    await applyPlan(api, live.organizationId, plan, {
      verbs: FEATURE_VERBS,
      set: async (feature, enabled) => (state = await api.iam.setFeature(feature, enabled)),
      Incomplete: FeatureChangeIncompleteError,
    });
    return state;
  };

  /** Records, for deletes later in this deployment, which features this resource wants on. */
  const claimDesired = (state: FeatureState, desired: readonly FeatureName[]): void => {
    for (const feature of desired) if (state.enabledFeatures.includes(feature)) claim(state.organizationId, feature, kind);
  };

  /**
   * What a create will do, read once for its preview and for the create itself: the live features, what it enables
   * (create only switches features on) and what it adopts. An import must leave state and AWS in agreement, so it
   * refuses any difference, undeclared features of an authoritative kind included; it manages fully, adopting
   * nothing, while a plain create leaves on delete what it found on. Only the create waits for trusted access.
   */
  const planFor = async (api: AwsApi, inputs: Props, report: Reporter, wait: boolean): Promise<CreatePlan> => {
    const action = `create ${kind}`;
    const expected = fromImport(inputs.importId);
    const live = await listLive(api, { action }, report, expected, wait ? inputs : undefined);
    guardOrganization(action, live.organizationId, expected, inputs);
    const desired = desiredOf(inputs);
    if (expected) {
      const full = reconcile(desired, live.enabledFeatures, scope);
      if (!isEmptyPlan(full)) throw new ImportMismatchError(kind, live.organizationId, describePlan(full));
    }
    return {
      live,
      desired,
      importing: expected !== undefined,
      adopted: expected ? [] : desired.filter((f) => live.enabledFeatures.includes(f)),
      plan: reconcile(desired, live.enabledFeatures, []),
    };
  };

  /** The authoritative set, created beside features it does not declare: the next update disables them. */
  const reportUndeclared = (live: FeatureState, desired: FeatureName[], report: Reporter): void => {
    const undeclared = fixed ? [] : live.enabledFeatures.filter((f) => !desired.includes(f));
    if (undeclared.length === 0) return;
    report(
      `${kind}: ${undeclared.join(", ")} is enabled in organization ${live.organizationId} but not declared; ` +
        "OrganizationsFeatures is authoritative, so the next update will disable it unless you add it to enabledFeatures.",
    );
  };

  /** Why a diff found changes: a changed declaration is not drift, and is worded differently. */
  const describeDiff = (
    live: FeatureState,
    previously: FeatureName[],
    desired: FeatureName[],
    plan: Plan<FeatureName>,
  ): string => {
    const where = `in organization ${live.organizationId}`;
    // Said the same in a preview and in a refresh (which diffs too): what the next up will do.
    const then = `\`pulumi up\` will ${describePlan(plan)}.`;
    const liveList = `[${live.enabledFeatures.join(", ")}]`;
    if (sameItems(previously, desired))
      return `${kind} drift ${where}: live features ${liveList}, declared [${desired.join(", ")}]; ${then}`;
    const drifted = !isEmptyPlan(reconcile(previously, live.enabledFeatures, scope));
    const change = `the declaration changed from [${previously.join(", ")}] to [${desired.join(", ")}]`;
    return `${kind} ${where}: ${change}${drifted ? `, and the live features ${liveList} drifted from the old one` : ""}; ${then}`;
  };

  return {
    async planCreate(api, inputs, report) {
      let planned: CreatePlan;
      try {
        planned = await planFor(api, inputs, report, false);
      } catch (e) {
        if (!isServiceAccessNotEnabled(e)) throw e;
        report(trustedAccessPending(kind, "create"));
        return;
      }
      const { live, desired, importing, adopted, plan } = planned;
      const org = live.organizationId;
      if (importing) {
        report(`${kind}: the import will adopt organization ${org} as it is; nothing will change.`);
        return;
      }
      const parts = [
        ...(isEmptyPlan(plan) ? [] : [`will ${describePlan(plan)}`]),
        ...(adopted.length > 0 ? [`will adopt ${adopted.join(", ")}, already enabled`] : []),
      ];
      report(`${kind}: the create ${parts.join(" and ")} in organization ${org}.`);
      reportUndeclared(live, desired, report);
    },

    async diff(api, id, olds, news, report) {
      // An input only known after an update cannot be compared; the engine shows it as a pending change.
      if (containsUnknown(news.enabledFeatures) || news.organizationId === UNKNOWN) return { changes: true };
      // Declared and unchanged still counts: a delete later in this deployment must leave these features on.
      for (const feature of desiredOf(news)) claim(id, feature, kind);
      const action = `compare ${kind} with the live organization`;
      let live: FeatureState;
      try {
        live = await listLive(api, { action }, report, fromState(id));
      } catch (e) {
        if (!isServiceAccessNotEnabled(e)) throw e;
        report(trustedAccessPending(`${kind} in organization ${id}`, "update"));
        return { changes: true };
      }
      guardOrganization(action, live.organizationId, fromState(id), news);
      const desired = desiredOf(news);
      const previously = declaredOf(olds);
      const plan = reconcile(desired, live.enabledFeatures, scope);
      if (!isEmptyPlan(plan)) {
        report(describeDiff(live, previously, desired, plan));
        return { changes: true, drift: featureDrift(plan, desired, previously) };
      }
      const connection = describeConnectionChange(olds, news);
      if (connection) report(connectionChangeNote(kind, connection));
      // The live state already matches, but a changed declaration must still be recorded for refresh and destroy.
      const optIn = Boolean(olds[REMOVE_ADOPTED]) !== Boolean(news[REMOVE_ADOPTED]);
      return { changes: Boolean(connection) || !sameItems(previously, desired) || optIn };
    },

    async create(api, inputs, report) {
      const { live, desired, importing, adopted, plan } = await planFor(api, inputs, report, true);
      const org = live.organizationId;
      if (importing) {
        report(
          `${kind}: imported organization ${org} by adoption (the live state matches the declaration; nothing was changed).`,
        );
      }
      if (adopted.length > 0) {
        const them = adopted.length === 1 ? "it" : "them";
        report(
          `${kind}: adopted ${adopted.join(", ")}, already enabled in organization ${org}; no change made for ${them}; ` +
            `${inputs[REMOVE_ADOPTED] === true ? `deleting this resource disables ${them}` : adoptedOnDeleteNote(them)}.`,
        );
      }
      reportUndeclared(live, desired, report);
      let state: FeatureState;
      try {
        state = await apply(api, plan, live);
      } catch (e) {
        // The partial state is attached so the engine records the resource (a partial create).
        if (FeatureChangeIncompleteError.is(e)) {
          Object.assign(e, { id: org, properties: outputsFor(live, desired, inputs, adopted), reasons: [e.message] });
        }
        throw e;
      }
      claimDesired(state, desired);
      return { id: org, outs: outputsFor(state, desired, inputs, adopted) };
    },

    async read(api, id, props, report) {
      const action = `read ${kind}`;
      const live = await unlessGone(api, kind, id, WHEN_GONE.read, report, () =>
        listLive(api, { action }, report, fromState(id)),
      );
      if (!live) return { id: "", props: {} };
      guardOrganization(action, live.organizationId, fromState(id), {});
      return { id, props: outputsFor(live, declaredOf(props), props, adoptedOf(props)) };
    },

    async update(api, id, olds, news, report) {
      const action = `update ${kind}`;
      const live = await listLive(api, { action }, report, fromState(id), news);
      guardOrganization(action, live.organizationId, fromState(id), news);
      const desired = desiredOf(news);
      const state = await apply(api, reconcile(desired, live.enabledFeatures, scope), live);
      claimDesired(state, desired);
      // Still adopted: found on at create, and on and declared ever since; a feature this update enabled is the program's.
      const adopted = adoptedOf(olds).filter((f) => live.enabledFeatures.includes(f) && desired.includes(f));
      return { outs: outputsFor(state, desired, news, adopted) };
    },

    async delete(api, id, props, report) {
      const action = `delete ${kind}`;
      const live = await unlessGone(api, kind, id, WHEN_GONE.delete, report, () =>
        listLive(api, { action }, report, fromState(id)),
      );
      if (!live) return;
      guardOrganization(action, live.organizationId, fromState(id), {});
      // Delete wants nothing enabled, but only among the features this resource declared, and never a feature another
      // resource of this deployment took over (a rename or a change of style).
      const plan = reconcile([], live.enabledFeatures, declaredOf(props));
      const remove = notAdopted(
        kind,
        live.organizationId,
        unclaimed(
          kind,
          live.organizationId,
          plan.remove,
          (f) => f,
          (f) => `${f} enabled`,
          report,
        ),
        adoptedOf(props),
        props,
        (f) => `${f} enabled`,
        report,
      );
      await apply(api, { add: [], remove }, live);
    },
  };
}
