/**
 * What every resource kind's lifecycle shares: connection settings and where they came from, the organization
 * guard, reading which organization the credentials reach when something fails, the "organization is gone" rule,
 * the reporter, and `check`.
 */
import { OrganizationMismatchError, RootAccessError, awsErrorCode, mapAwsError } from "./errors";
import type { ErrorContext, OrganizationSource } from "./errors";
import { ORGANIZATION_ID_PATTERN, UNKNOWN, validateInputs } from "./validate";
import type { CheckFailure } from "./validate";
import type { ConnectionSettings, OrganizationInfo, RootAccessApi } from "./aws";
import type { ResourceKind } from "./kinds";

export type Props = Record<string, unknown>;

/** Messages for the user; the engine shows a dynamic provider's stdout as info diagnostics. */
export type Reporter = (message: string) => void;
export const toStdout: Reporter = (message) => {
  process.stdout.write(`${message}\n`);
};

/** Stack configuration the provider honours (`aws:region`, `aws:profile`). */
export interface StackSettings {
  region?: string;
  profile?: string;
}

export function readStackSettings(config: { get(key: string): string | undefined }): StackSettings {
  const settings: StackSettings = {};
  const region = config.get("aws:region");
  const profile = config.get("aws:profile");
  if (region) settings.region = region;
  if (profile) settings.profile = profile;
  return settings;
}

const CONNECTION_KEYS = ["region", "profile", "roleArn"] as const;

/** The connection settings a resource declares or recorded; nothing else. */
export function connectionOf(props: Props): ConnectionSettings {
  const out: ConnectionSettings = {};
  for (const key of CONNECTION_KEYS) {
    const v = props[key];
    if (typeof v === "string" && v !== UNKNOWN) out[key] = v;
  }
  return out;
}

/** Whether the settings come from the program (create, diff, update) or from the state (read, delete). */
export type SettingsOrigin = "inputs" | "state";

/** The resource's own settings win over the stack's; anything unset is left to the AWS SDK's chain. */
export function settingsFor(stack: StackSettings, props: Props, origin: SettingsOrigin): ConnectionSettings {
  const own = connectionOf(props);
  const ownSource = (key: string): string =>
    origin === "inputs" ? `the resource's \`${key}\` input` : "the resource's state, recorded at the last update";
  const sources: NonNullable<ConnectionSettings["sources"]> = {};
  if (own.profile) sources.profile = ownSource("profile");
  else if (stack.profile) sources.profile = "the stack config `aws:profile`";
  if (own.roleArn) sources.roleArn = ownSource("roleArn");
  return { ...stack, ...own, sources };
}

/** `profile "old" → "new"`, or undefined when the connection settings are the same. */
export function describeConnectionChange(olds: Props, news: Props): string | undefined {
  const before = connectionOf(olds);
  const after = connectionOf(news);
  const show = (v: string | undefined): string => (v === undefined ? "unset" : `"${v}"`);
  const changes = CONNECTION_KEYS.filter((k) => before[k] !== after[k]).map((k) => `${k} ${show(before[k])} → ${show(after[k])}`);
  return changes.length > 0 ? changes.join(", ") : undefined;
}

/** The organization an existing resource belongs to: its ID, or (for IDs that are account IDs) what state recorded. */
export function organizationIdOf(id: string, props: Props): string | undefined {
  if (ORGANIZATION_ID_PATTERN.test(id)) return id;
  return typeof props.organizationId === "string" && ORGANIZATION_ID_PATTERN.test(props.organizationId)
    ? props.organizationId
    : undefined;
}

/** The organization a resource must act on, and where that requirement came from. */
export interface Expected {
  organizationId: string;
  source: OrganizationSource;
}

/**
 * The org guard, for every resource: acts only on the organization the resource was created in (or is imported
 * from), and the one its `organizationId` input names, given the organization the credentials actually reach.
 */
export function guardOrganization(action: string, reachedId: string, expected: Expected | undefined, inputs: Props): void {
  if (expected && expected.organizationId !== reachedId) {
    throw new OrganizationMismatchError(action, expected.organizationId, reachedId, expected.source);
  }
  const declared = inputs.organizationId;
  if (typeof declared === "string" && declared !== UNKNOWN && declared !== reachedId) {
    throw new OrganizationMismatchError(action, declared, reachedId, "organizationId input");
  }
}

/** What the resource's ID in state says about its organization, for the guard. */
export function fromState(id: string, props: Props = {}): Expected | undefined {
  const organizationId = organizationIdOf(id, props);
  return organizationId ? { organizationId, source: "resource ID in state" } : undefined;
}

async function bestEffort<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    // A read-only look after a failure; without Organizations permissions the original error still stands.
    return undefined;
  }
}

/** Errors AWS answers when a prerequisite is missing; they are worth a look at which organization was reached. */
const PREREQUISITE_CODES = [
  "ServiceAccessNotEnabled",
  "OrganizationNotInAllFeaturesMode",
  "AccountNotManagementOrDelegatedAdministrator",
  "CallerIsNotManagementAccount",
];

/**
 * Maps an AWS error. For a missing prerequisite it first asks Organizations which organization the credentials
 * reach: another organization than the resource's is a mismatch, not a prerequisite to fix; otherwise the message
 * names the organization reached (and its management account, for a caller that is not it).
 */
export async function diagnose(
  api: RootAccessApi,
  err: unknown,
  context: ErrorContext,
  expected?: Expected,
): Promise<RootAccessError> {
  if (RootAccessError.isInstance(err)) return err;
  const code = awsErrorCode(err);
  if (!PREREQUISITE_CODES.includes(code)) return mapAwsError(err, context);
  const org = await bestEffort(() => api.organizations.describeOrganization());
  if (!org?.id) return mapAwsError(err, context);
  if (expected && expected.organizationId !== org.id) {
    return new OrganizationMismatchError(context.action, expected.organizationId, org.id, expected.source);
  }
  const callerIsWrong = code === "AccountNotManagementOrDelegatedAdministrator" || code === "CallerIsNotManagementAccount";
  return mapAwsError(err, {
    ...context,
    organizationId: org.id,
    ...(callerIsWrong ? { hint: `The management account of ${org.id} is ${org.managementAccountId}.` } : {}),
  });
}

/** The organization the credentials reach, checked by the guard; errors mapped (and diagnosed) on the way. */
export async function reachedOrganization(
  api: RootAccessApi,
  context: ErrorContext,
  expected: Expected | undefined,
  inputs: Props,
): Promise<OrganizationInfo> {
  let org: OrganizationInfo;
  try {
    org = await api.organizations.describeOrganization();
  } catch (e) {
    throw await diagnose(api, e, context, expected);
  }
  guardOrganization(context.action, org.id, expected, inputs);
  return org;
}

/** True when the credentials reach no organization at all: the organization is gone, or they are another's. */
export function isOrganizationGone(err: unknown): boolean {
  return RootAccessError.isInstance(err) && err.name === "OrganizationNotFoundError";
}

/**
 * The rule for a resource whose organization cannot be reached at all: refresh drops it from the stack and delete
 * succeeds, because nothing is left to change. Wrong credentials look the same, so the message names the account
 * they belong to; undoing a wrong drop is harmless, since create adopts whatever is live.
 */
export async function organizationGoneMessage(
  api: RootAccessApi,
  kind: string,
  organizationId: string | undefined,
  consequence: string,
): Promise<string> {
  const account = await bestEffort(() => api.callerAccountId());
  return (
    `${kind}: the credentials${account ? ` (account ${account})` : ""} reach no AWS Organization, so organization ` +
    `${organizationId ?? "(unknown)"} is gone or these are not its credentials; ${consequence}. If the credentials ` +
    "are wrong, run `pulumi up` with the right ones: the resource is adopted again without any change in AWS."
  );
}

/**
 * Runs the read an operation starts with; when the credentials reach no organization at all, says so (with what
 * follows for the resource) and answers undefined instead of failing.
 */
export async function unlessGone<T>(
  api: RootAccessApi,
  kind: string,
  organizationId: string | undefined,
  consequence: string,
  report: Reporter,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (!isOrganizationGone(e)) throw e;
    report(await organizationGoneMessage(api, kind, organizationId, consequence));
    return undefined;
  }
}

/** What refresh and delete do when the organization is gone, for `unlessGone`. */
export const WHEN_GONE = {
  read: "refresh removes the resource from the stack",
  delete: "nothing is left to change, so the resource is deleted from the stack",
} as const;

export async function check(kind: ResourceKind, _olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }> {
  return { inputs: news, failures: validateInputs(kind, news) };
}
