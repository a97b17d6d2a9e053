/** The search for locked resources as a table for people, or as JSON or CSV for machines. */
import { csvOf, tableOf } from "../core/table";
import type { AUDIT_FORMATS } from "../core/validate";
import { printable } from "../errors";
import type { AccountLockedResources, LockedResourcesReport } from "./findLocked";
import type { UnlockResult } from "./unlock";

/** One of AUDIT_FORMATS: the fleet commands share their formats. */
export type LockedFormat = (typeof AUDIT_FORMATS)[number];

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

function statusOf(row: AccountLockedResources): string {
  if (row.error) return "error";
  if (row.notChecked) return "not checked";
  return (row.locked?.length ?? 0) > 0 ? "locked resources" : "none locked";
}

/** One row per locked resource, and one per account with none (or that could not be checked). */
function rowsOf(report: LockedResourcesReport): string[][] {
  return report.accounts.flatMap((r) => {
    const note = r.error ? `${r.error.name}: ${r.error.message}` : (r.notChecked ?? "");
    const checked = r.checked ? `${count(r.checked.buckets, "bucket")}, ${count(r.checked.queues, "queue")}` : "";
    const locked = r.locked ?? [];
    if (locked.length === 0) return [[r.accountId, r.name ?? "", statusOf(r), "", "", "", checked, note]];
    return locked.map((l) => [
      r.accountId,
      r.name ?? "",
      statusOf(r),
      l.service,
      l.resource,
      l.statements.join("; "),
      checked,
      note,
    ]);
  });
}

export function renderLocked(report: LockedResourcesReport, format: LockedFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  const header = ["account", "name", "status", "service", "resource", "locking statements", "checked", "error"];
  if (format === "csv") return csvOf(header, rowsOf(report));
  const s = report.summary;
  const shared = report.organizationError
    ? `\n${printable(`${report.organizationError.name}: ${report.organizationError.message}`)}\n`
    : "";
  return (
    tableOf(header, rowsOf(report)) +
    `\n\n${report.organizationId}: ${count(s.accounts, "account")}: ${s.checked} checked (${s.withLocked} with ` +
    `${count(s.locked, "locked resource")}), ${s.failed} failed, ${s.notChecked} not checked.\n${shared}`
  );
}

/** What an unlock did, in words, with what is left. */
export function describeUnlock(result: UnlockResult): string {
  const what = `${result.service === "s3" ? "bucket" : "queue"} ${result.resource} in account ${result.accountId}`;
  if (result.policy === undefined) return `The ${what} has no policy: nothing to remove.\n`;
  if (!result.removed) return `Nothing changed: the policy of the ${what} is still in place.\n`;
  const left =
    result.remaining === undefined
      ? "It has no policy now: the account's own principals can reach it again, and set a repaired policy."
      : `It has a policy again (set meanwhile by someone else):\n${printable(result.remaining)}`;
  return `Removed the policy of the ${what}. ${left}\n`;
}
