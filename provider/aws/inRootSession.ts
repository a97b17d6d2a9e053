/**
 * Work in a member account through a root session, with every failure diagnosed into one of the package's errors
 * naming the account, the cause and the fix. Shared by everything that opens root sessions: the root credentials
 * work, and the break-glass search and unlock.
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
import type { AwsApi, RootTask, TaskApis } from "./api";
import { bestEffort, diagnose } from "./diagnosis";
import { runFact } from "./runFacts";

/**
 * The centralized root access features a root session for each task needs (README: "Emulator choices"). Password
 * recovery is both a root credential task and a privileged root action, so it needs both.
 */
export const TASK_FEATURES: Record<RootTask, readonly FeatureName[]> = {
  IAMAuditRootUserCredentials: ["RootCredentialsManagement"],
  IAMDeleteRootUserCredentials: ["RootCredentialsManagement"],
  IAMCreateRootUserPassword: ["RootCredentialsManagement", "RootSessions"],
  S3UnlockBucketPolicy: ["RootSessions"],
  SQSUnlockQueuePolicy: ["RootSessions"],
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
export async function inRootSession<K extends RootTask, T>(
  api: AwsApi,
  accountId: string,
  task: K,
  action: string,
  work: (session: TaskApis[K]) => Promise<T>,
): Promise<T> {
  try {
    return await api.rootSessions.withRootSession(accountId, task, work);
  } catch (e) {
    throw await diagnoseRootSession(api, e, { action, accountId, task });
  }
}
