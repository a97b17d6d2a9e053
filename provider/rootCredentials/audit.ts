/**
 * `auditRootCredentials`: the root user credentials of the organization's member accounts, audited through short
 * root sessions, with bounded concurrency. One account failing never stops the others; its row carries the error.
 */
import { createAwsApi, fleetAccounts, optionsConnection, sharedError, visitAccounts } from "../aws";
import type { AwsApi, OrganizationInfo } from "../aws";
import { credentialCount } from "../core/rootCredentials";
import type { RootCredentials } from "../core/rootCredentials";
import { validateAuditOptions } from "../core/validate";
import { InvalidArgumentsError, mapAwsError } from "../errors";
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

/**
 * The management account's root user, which no root session reaches: read with the caller's own credentials when
 * they are the management account's, against what CIS expects of it (MFA on, no access keys).
 */
export interface ManagementRootUser {
  passwordPresent: boolean;
  mfaEnabled: boolean;
  accessKeysPresent: boolean;
  signingCertificatesPresent: boolean;
  /** Where it departs from CIS; empty when it does not. */
  findings: string[];
}

/** Said with the management account's row: what centralized root access cannot do for it. */
export const MANAGEMENT_NOTE =
  "centralized root access does not remove the management account's root credentials: sign in as its root user to fix them";

export interface AccountAudit {
  accountId: string;
  /** The management account's row: its root user as the caller's own account sees it. */
  management?: ManagementRootUser;
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
 * The management account's row. Root sessions never reach it, but its own credentials read its root user's summary;
 * other credentials (the IAM delegated administrator's) cannot, and the row says so.
 */
async function auditManagement(api: AwsApi, org: OrganizationInfo, row: AccountAudit): Promise<void> {
  const caller = await api.sts.callerAccountId().catch(() => undefined);
  if (caller !== org.managementAccountId) {
    row.notAudited = "only the management account's own credentials read its root user (no root session reaches it)";
    return;
  }
  try {
    const s = await api.iam.accountSummary();
    const findings = [
      ...(s.mfaDevices ? [] : ["the root user has no MFA device (CIS expects one)"]),
      ...(s.accessKeys ? ["the root user has access keys (CIS expects none)"] : []),
    ];
    row.management = {
      passwordPresent: s.password,
      mfaEnabled: s.mfaDevices,
      accessKeysPresent: s.accessKeys,
      signingCertificatesPresent: s.signingCertificates,
      findings,
    };
  } catch (e) {
    const mapped = mapAwsError(e, { action: "read the management account's root user summary", accountId: row.accountId });
    row.error = { name: mapped.name, message: mapped.message };
  }
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
  const api = createAwsApi(optionsConnection(options));
  // Every account of the organization has a row: the management account's own root user too, read differently.
  const { org, accounts } = await fleetAccounts(api, options.accounts);
  const rows: AccountAudit[] = accounts;
  const management = rows.find((row) => row.accountId === org.managementAccountId);
  const toAudit = rows.filter((row) => {
    if (row === management) return false;
    if (row.status !== undefined && row.status !== "ACTIVE") {
      row.notAudited = `the account is ${row.status}: no root session reaches it`;
      return false;
    }
    return true;
  });
  // The management account's two calls (who is calling, then its summary) run beside the members' audits, not
  // before them: at 10 accounts they were a fifth of the run. It never throws; its failure goes into its row.
  await Promise.all([
    management && auditManagement(api, org, management),
    visitAccounts(
      toAudit,
      options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY,
      options.onProgress,
      (id) => `audit the root user of account ${id}`,
      async (row) => {
        row.credentials = await auditMember(api, row.accountId, FULL_AUDIT);
      },
    ),
  ]);
  const organizationError = sharedError(toAudit);
  const failed = rows.filter((a) => a.error).length;
  const audited = rows.filter((a) => a.credentials || a.management).length;
  const withRootCredentials = rows.filter(
    (a) => (a.credentials && credentialCount(a.credentials) > 0) || (a.management?.findings.length ?? 0) > 0,
  ).length;
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
