/**
 * `auditRootCredentials`: the root user credentials of the organization's member accounts, audited through short
 * root sessions, with bounded concurrency. One account failing never stops the others; its row carries the error.
 */
import { createAwsApi } from "../aws";
import type { ConnectionSettings } from "../aws";
import { credentialCount, mapLimit } from "../core/rootCredentials";
import type { RootCredentials } from "../core/rootCredentials";
import { validateAuditOptions } from "../core/validate";
import { InvalidArgumentsError, ManagementAccountTargetError, mapAwsError } from "../errors";
import { FULL_AUDIT, auditMember } from "./memberAccount";

export interface AuditRootCredentialsOptions {
  /** "all" (default): the organization's ACTIVE member accounts; or these account IDs. */
  accounts?: "all" | string[];
  /** Accounts audited at once; 8 by default, at most 64. */
  concurrency?: number;
  region?: string;
  profile?: string;
  /** A role to assume first (in the management account, or the IAM delegated administrator). */
  roleArn?: string;
  /** Called after each account, for progress. */
  onProgress?: (done: number, total: number) => void;
}

export interface AccountAudit {
  accountId: string;
  name?: string;
  /** What was found; absent when the account could not be audited. */
  credentials?: RootCredentials;
  /** Why the account could not be audited: the package's error name and message. */
  error?: { name: string; message: string };
}

export interface RootCredentialsAudit {
  organizationId: string;
  accounts: AccountAudit[];
  summary: { audited: number; clean: number; withRootCredentials: number; failed: number };
  /** 0: every account is clean; 1: a root credential was found; 2: an account could not be audited. */
  exitCode: 0 | 1 | 2;
}

export const DEFAULT_AUDIT_CONCURRENCY = 8;

function settingsOf(options: AuditRootCredentialsOptions): ConnectionSettings {
  const settings: ConnectionSettings = {};
  if (options.region) settings.region = options.region;
  if (options.profile) settings.profile = options.profile;
  if (options.roleArn) settings.roleArn = options.roleArn;
  settings.sources = {
    ...(options.profile ? { profile: "the `profile` option" } : {}),
    ...(options.roleArn ? { roleArn: "the `roleArn` option" } : {}),
  };
  return settings;
}

/**
 * Audits member accounts' root users: per account one AssumeRoot (IAMAuditRootUserCredentials) and one
 * GetAccountSummary, then only the calls that name what the summary shows (access keys and their last use,
 * signing certificates, MFA devices), and GetLoginProfile when no password is set (a password-less login profile
 * left by password recovery is still a way in).
 * @throws InvalidArgumentsError for wrong options (before any AWS call), or the package's error when the
 * organization's accounts cannot be listed
 */
export async function auditRootCredentials(options: AuditRootCredentialsOptions = {}): Promise<RootCredentialsAudit> {
  const problems = validateAuditOptions(options as Record<string, unknown>);
  if (problems.length > 0)
    throw new InvalidArgumentsError(
      "auditRootCredentials",
      problems.map((p) => p.reason),
    );
  const api = createAwsApi(settingsOf(options));
  const action = "list the organization's member accounts";
  let org: Awaited<ReturnType<typeof api.organizations.describeOrganization>>;
  let targets: Array<{ id: string; name?: string }>;
  try {
    org = await api.organizations.describeOrganization();
    const chosen = options.accounts;
    targets = Array.isArray(chosen)
      ? chosen.map((id) => ({ id }))
      : (await api.organizations.listAccounts())
          .filter((a) => a.status === "ACTIVE" && a.id !== org.managementAccountId)
          .map((a) => ({ id: a.id, name: a.name }));
  } catch (e) {
    throw mapAwsError(e, { action });
  }
  if (targets.some((t) => t.id === org.managementAccountId)) {
    throw new ManagementAccountTargetError({
      action: "audit the root user of the management account",
      accountId: org.managementAccountId,
      organizationId: org.id,
      task: "IAMAuditRootUserCredentials",
    });
  }
  let done = 0;
  const accounts = await mapLimit(targets, options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY, async (t): Promise<AccountAudit> => {
    const row: AccountAudit = { accountId: t.id, ...(t.name ? { name: t.name } : {}) };
    try {
      row.credentials = await auditMember(api, t.id, FULL_AUDIT);
    } catch (e) {
      const mapped = mapAwsError(e, { action: `audit the root user of account ${t.id}`, accountId: t.id });
      row.error = { name: mapped.name, message: mapped.message };
    }
    options.onProgress?.(++done, targets.length);
    return row;
  });
  const failed = accounts.filter((a) => a.error).length;
  const withRootCredentials = accounts.filter((a) => a.credentials && credentialCount(a.credentials) > 0).length;
  return {
    organizationId: org.id,
    accounts,
    summary: {
      audited: accounts.length - failed,
      clean: accounts.length - failed - withRootCredentials,
      withRootCredentials,
      failed,
    },
    exitCode: failed > 0 ? 2 : withRootCredentials > 0 ? 1 : 0,
  };
}
