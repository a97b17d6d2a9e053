/** The audit as a table for people, or as JSON or CSV for machines. */
import { MANAGEMENT_NOTE } from "./audit";
import type { AccountAudit, RootCredentialsAudit } from "./audit";
import { printable } from "../errors";
import { credentialCount } from "../core/rootCredentials";
import { csvOf, tableOf } from "../core/table";
import type { AUDIT_FORMATS } from "../core/validate";

/** One of AUDIT_FORMATS, the list the options are checked against. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

function keysOf(row: AccountAudit): string[] {
  return (row.credentials?.accessKeys ?? []).map((k) =>
    k.lastUsed ? `${k.id} (last used ${k.lastUsed.date} ${k.lastUsed.service} ${k.lastUsed.region})` : `${k.id} (never used)`,
  );
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");

/**
 * The password, login profile, access keys, signing certificates and MFA columns: what a member's audit found, or
 * what the management account's summary says (it names no IDs); empty for a row that was not audited.
 */
function credentialCells(row: AccountAudit): string[] {
  const m = row.management;
  if (m)
    return [
      yesNo(m.passwordPresent),
      "",
      m.accessKeysPresent ? "present" : "",
      m.signingCertificatesPresent ? "present" : "",
      m.mfaEnabled ? "enabled" : "none",
    ];
  const c = row.credentials;
  if (!c) return ["", "", "", "", ""];
  return [
    yesNo(c.password),
    c.loginProfile === undefined ? "" : yesNo(c.loginProfile),
    keysOf(row).join("; "),
    c.signingCertificates.join("; "),
    c.mfaDevices.join("; "),
  ];
}

function statusOf(row: AccountAudit): string {
  if (row.error) return "error";
  if (row.management) return row.management.findings.length > 0 ? "management: not as CIS expects" : "management: as CIS expects";
  if (row.notAudited) return `not audited (${row.status ?? "not ACTIVE"})`;
  return credentialCount(row.credentials!) > 0 ? "root credentials" : "clean";
}

export function renderAudit(audit: RootCredentialsAudit, format: AuditFormat): string {
  if (format === "json") return `${JSON.stringify(audit, null, 2)}\n`;
  const rows = audit.accounts.map((r) => [
    r.accountId,
    r.name ?? "",
    statusOf(r),
    ...credentialCells(r),
    r.error
      ? `${r.error.name}: ${r.error.message}`
      : r.management
        ? [...r.management.findings, MANAGEMENT_NOTE].join("; ")
        : (r.notAudited ?? ""),
  ]);
  const header = [
    "account",
    "name",
    "status",
    "password",
    "login profile",
    "access keys",
    "signing certificates",
    "MFA devices",
    "error",
  ];
  if (format === "csv") return csvOf(header, rows);
  const s = audit.summary;
  const shared = audit.organizationError
    ? `\n${printable(`${audit.organizationError.name}: ${audit.organizationError.message}`)}\n`
    : "";
  return (
    tableOf(header, rows) +
    `\n\n${audit.organizationId}: ${s.accounts} accounts: ${s.audited} audited (${s.clean} clean, ${s.withRootCredentials} ` +
    `with root credentials), ${s.failed} failed, ${s.notAudited} not audited (not ACTIVE).\n${shared}`
  );
}
