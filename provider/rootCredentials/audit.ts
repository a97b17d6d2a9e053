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
import { organizationAccounts, organizationReached } from "./accounts";
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
  /** The account's status in the organization (ACTIVE, SUSPENDED, PENDING_CLOSURE), when the listing was read. */
  status?: string;
  /** What was found; absent when the account could not be audited. */
  credentials?: RootCredentials;
  /** Why the account could not be audited: the package's error name and message. */
  error?: { name: string; message: string };
  /** Why the account was not audited at all (it is not ACTIVE): no root session reaches it. */
  notAudited?: string;
}

export interface RootCredentialsAudit {
  organizationId: string;
  /** An error every audited account failed with alike, said once; each of their rows refers to it. */
  organizationError?: { name: string; message: string };
  accounts: AccountAudit[];
  /** Every row counted once: accounts = audited + failed + notAudited, and audited = clean + withRootCredentials. */
  summary: { accounts: number; audited: number; clean: number; withRootCredentials: number; failed: number; notAudited: number };
  /** 0: every account is clean; 1: a root credential was found; 2: an account could not be audited. */
  exitCode: 0 | 1 | 2;
}

export const DEFAULT_AUDIT_CONCURRENCY = 8;

/**
 * One error that every audited account failed with alike (a feature off, the caller refused root sessions): said
 * once for the organization, and each row refers to it.
 */
function sharedError(rows: AccountAudit[]): { name: string; message: string } | undefined {
  const each = rows.map((r) => r.error && { name: r.error.name, message: r.error.message.split(r.accountId).join("<account>") });
  const first = each[0];
  if (rows.length < 2 || !first || each.some((e) => !e || e.name !== first.name || e.message !== first.message)) return undefined;
  for (const row of rows) row.error = { name: first.name, message: "the organization-level error above (organizationError)" };
  return { name: first.name, message: first.message.split("<account>").join("each member account") };
}

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
  const chosen = Array.isArray(options.accounts) ? options.accounts : undefined;
  const org = await organizationReached(api);
  // Named accounts need the listing only for their names and status, so it may fail without failing the audit.
  const listed = chosen ? await organizationAccounts(api, org).catch(() => undefined) : await organizationAccounts(api, org);
  const byId = new Map((listed ?? []).map((a) => [a.id, a]));
  const ids = chosen ?? (listed ?? []).filter((a) => a.id !== org.managementAccountId).map((a) => a.id);
  const rows: AccountAudit[] = ids.map((id) => {
    const known = byId.get(id);
    return { accountId: id, ...(known ? { name: known.name, status: known.status } : {}) };
  });
  const toAudit = rows.filter((row) => {
    if (row.accountId === org.managementAccountId) {
      const mapped = new ManagementAccountTargetError({
        action: "audit the root user of the management account",
        accountId: org.managementAccountId,
        organizationId: org.id,
        task: "IAMAuditRootUserCredentials",
      });
      row.error = { name: mapped.name, message: mapped.message };
      return false;
    }
    if (row.status !== undefined && row.status !== "ACTIVE") {
      row.notAudited = `the account is ${row.status}: no root session reaches it`;
      return false;
    }
    return true;
  });
  let done = 0;
  await mapLimit(toAudit, options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY, async (row) => {
    try {
      row.credentials = await auditMember(api, row.accountId, FULL_AUDIT);
    } catch (e) {
      const mapped = mapAwsError(e, { action: `audit the root user of account ${row.accountId}`, accountId: row.accountId });
      row.error = { name: mapped.name, message: mapped.message };
    }
    options.onProgress?.(++done, toAudit.length);
  });
  const organizationError = sharedError(toAudit);
  const failed = rows.filter((a) => a.error).length;
  const audited = rows.filter((a) => a.credentials).length;
  const withRootCredentials = rows.filter((a) => a.credentials && credentialCount(a.credentials) > 0).length;
  return {
    organizationId: org.id,
    ...(organizationError ? { organizationError } : {}),
    accounts: rows,
    summary: {
      accounts: rows.length,
      audited,
      clean: audited - withRootCredentials,
      withRootCredentials,
      failed,
      notAudited: rows.filter((a) => a.notAudited).length,
    },
    exitCode: failed > 0 ? 2 : withRootCredentials > 0 ? 1 : 0,
  };
}
