/** The optional state file: loaded at start when it exists, rewritten atomically after every change. */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { parseState } from "./state";
import type { EmulatorState } from "./state";

export function loadState(file: string | undefined): EmulatorState | undefined {
  return file && existsSync(file) ? parseState(JSON.parse(readFileSync(file, "utf8"))) : undefined;
}

export function saveState(file: string | undefined, state: EmulatorState): void {
  if (!file) return;
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, file);
}
