/**
 * Reports as a table for people or as CSV for machines. Every cell is made printable (a value from AWS must not
 * steer a terminal), and CSV cells are kept from being read as spreadsheet formulas.
 */
import { printable } from "../errors";

/** The widest a table column grows; longer cells run over. */
const MAX_COLUMN_WIDTH = 60;

function csvCell(value: string): string {
  // A spreadsheet evaluates a cell that starts with = + - @ (or a tab or CR) as a formula, quoted or not: names come
  // from member accounts' admins, so such a cell is made text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(header: string[], rows: string[][]): string {
  return `${[header, ...rows].map((r) => r.map((c) => csvCell(printable(c))).join(",")).join("\n")}\n`;
}

/** A header, a rule under it and the rows, in columns; no trailing newline. */
export function tableOf(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.min(MAX_COLUMN_WIDTH, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => printable(c).padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
