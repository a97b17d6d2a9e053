/**
 * The work in one member account, through root sessions: audit its root user's credentials, delete some, allow
 * password recovery. Shared by the `MemberRootCredentials` resource and the fleet audit. Every failure is diagnosed
 * into one of the package's errors naming the account, the cause and the fix.
 */
import {
  AccountNotActiveMemberError,
  ManagementAccountTargetError,
  RootAccessError,
  RootFeatureNotEnabledError,
  RootSessionDeniedError,
  ServiceControlPolicyDeniedError,
  deniedAction,
  isAccessDenied,
  isServiceControlPolicyDenial,
  mapAwsError,
} from "../errors";
import type { RootSessionContext } from "../errors";
import type { FeatureName } from "../core/features";
import { MFA_NOTE } from "../core/rootCredentials";
import type { CredentialKind, PresentCredential, RootCredentials } from "../core/rootCredentials";
import { bestEffort, diagnose, runFact } from "../aws";
import type { AwsApi, RootTask, RootUserApi } from "../aws";

/**
 * The centralized root access features a root session for each task needs (README: "Emulator choices"). Password
 * recovery is both a root credential task and a privileged root action, so it needs both.
 */
export const TASK_FEATURES: Record<RootTask, readonly FeatureName[]> = {
  IAMAuditRootUserCredentials: ["RootCredentialsManagement"],
  IAMDeleteRootUserCredentials: ["RootCredentialsManagement"],
  IAMCreateRootUserPassword: ["RootCredentialsManagement", "RootSessions"],
};

/**
 * Turns a root session's failure into the error a user can act on. AssumeRoot refusals are explained with
 * read-only calls: the features (which also tells whether the caller may start root sessions at all), then the
 * organization and the target account.
 */
async function diagnoseRootSession(api: AwsApi, err: unknown, context: RootSessionContext): Promise<RootAccessError> {
  if (RootAccessError.is(err)) return err;
  if (isServiceControlPolicyDenial(err)) return new ServiceControlPolicyDeniedError(context, deniedAction(err));
  const step = (err as { rootSession?: { step?: string } }).rootSession?.step;
  if (step !== "AssumeRoot" || !isAccessDenied(err)) return mapAwsError(err, context);
  // Organization-wide facts are read once per run, however many accounts are refused (see aws/runFacts.ts).
  let features: Awaited<ReturnType<AwsApi["iam"]["listFeatures"]>>;
  try {
    features = await runFact(api.scope, "features", () => api.iam.listFeatures());
  } catch (e) {
    // The same prerequisites as the features themselves: no organization, trusted access off, not the management account.
    return diagnose(api, e, context);
  }
  const organizationId = features.organizationId;
  const needed = TASK_FEATURES[context.task as RootTask] ?? [];
  const off = needed.filter((f) => !features.enabledFeatures.includes(f));
  if (off.length > 0) return new RootFeatureNotEnabledError({ ...context, organizationId }, off[0]!, needed);
  const org = await bestEffort(() => runFact(api.scope, "organization", () => api.organizations.describeOrganization()));
  if (org && org.managementAccountId === context.accountId)
    return new ManagementAccountTargetError({ ...context, organizationId });
  const accounts = await bestEffort(() => runFact(api.scope, "accounts", () => api.organizations.listAccounts()));
  const target = accounts?.find((a) => a.id === context.accountId);
  if (accounts && (!target || target.status !== "ACTIVE")) {
    return new AccountNotActiveMemberError({ ...context, organizationId }, target ? target.status : "not a member");
  }
  return new RootSessionDeniedError({ ...context, organizationId }, (err as { message?: unknown }).message as string);
}

/** Runs `work` in a root session for `task` in `accountId`, with every failure diagnosed. */
export async function inRootSession<T>(
  api: AwsApi,
  accountId: string,
  task: RootTask,
  action: string,
  work: (root: RootUserApi) => Promise<T>,
): Promise<T> {
  try {
    return await api.rootSessions.withRootSession(accountId, task, work);
  } catch (e) {
    throw await diagnoseRootSession(api, e, { action, accountId, task });
  }
}

export interface AuditOptions {
  /**
   * Also ask whether a login profile exists when no password is set: a password-less one (left by password
   * recovery) is still a way in. One more call for an account without a password.
   */
  loginProfile?: boolean;
  /** Also read when each access key was last used; one more call per key. */
  lastUsed?: boolean;
}

/** What the fleet audit asks of every account: everything, with each access key's last use. */
export const FULL_AUDIT: AuditOptions = { loginProfile: true, lastUsed: true };

/**
 * Audits one member account: one AssumeRoot and one GetAccountSummary, then only the List and Get calls that name
 * what the summary says is present (and, when asked and no password is set, GetLoginProfile).
 */
export async function auditMember(api: AwsApi, accountId: string, options: AuditOptions = {}): Promise<RootCredentials> {
  return inRootSession(
    api,
    accountId,
    "IAMAuditRootUserCredentials",
    `audit the root user of account ${accountId}`,
    async (root) => {
      const summary = await root.summary();
      // The kinds are independent: their calls run side by side, so an account costs its longest chain, not the sum.
      const accessKeys = async () =>
        Promise.all(
          (await root.accessKeys()).map(async (id) => {
            const lastUsed = options.lastUsed ? await root.accessKeyLastUsed(id) : undefined;
            return lastUsed ? { id, lastUsed } : { id };
          }),
        );
      const [keys, signingCertificates, mfaDevices, loginProfile] = await Promise.all([
        summary.accessKeys ? accessKeys() : [],
        summary.signingCertificates ? root.signingCertificates() : [],
        summary.mfaDevices ? root.mfaDevices() : [],
        options.loginProfile && !summary.password ? root.loginProfileExists() : summary.password,
      ]);
      const found: RootCredentials = { password: summary.password, accessKeys: keys, signingCertificates, mfaDevices };
      if (options.loginProfile) found.loginProfile = loginProfile;
      return found;
    },
  );
}

/** Deletes the given credentials in one IAMDeleteRootUserCredentials session; returns what was done, in words. */
export async function removeCredentials(api: AwsApi, accountId: string, items: PresentCredential[]): Promise<string[]> {
  if (items.length === 0) return [];
  const action = `delete root credentials of account ${accountId}`;
  return inRootSession(api, accountId, "IAMDeleteRootUserCredentials", action, async (root) => {
    const done: string[] = [];
    const step: Record<CredentialKind, (id: string) => Promise<void>> = {
      password: () => root.deleteLoginProfile(),
      accessKeys: (id) => root.deleteAccessKey(id),
      signingCertificates: (id) => root.deleteSigningCertificate(id),
      mfaDevices: (id) => root.deactivateMfaDevice(id),
    };
    for (const item of items) {
      await step[item.kind](item.id);
      done.push(`${item.kind === "mfaDevices" ? "deactivated" : "deleted"} ${item.label}`);
    }
    if (items.some((i) => i.kind === "mfaDevices")) done.push(`note: ${MFA_NOTE}`);
    return done;
  });
}

/** Creates a password-less login profile in one IAMCreateRootUserPassword session, so the owner can recover the account. */
export async function allowPasswordRecovery(api: AwsApi, accountId: string): Promise<void> {
  const action = `allow password recovery for the root user of account ${accountId}`;
  await inRootSession(api, accountId, "IAMCreateRootUserPassword", action, (root) => root.createLoginProfile());
}
