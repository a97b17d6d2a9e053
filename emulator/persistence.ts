/** The optional state file: loaded at start when it exists, rewritten atomically after every change. */
import { randomUUID } from "node:crypto";
import { existsSync, lstatSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { parseState } from "./state";
import type { EmulatorState } from "./state";

export function loadState(file: string | undefined): EmulatorState | undefined {
  return file && existsSync(file) ? parseState(JSON.parse(readFileSync(file, "utf8"))) : undefined;
}

/**
 * Writes the state atomically: to a temporary file beside the real one, then renamed over it. A symlinked state
 * file stays a symlink (its target is rewritten) and the file keeps its mode; a failed write leaves no temporary
 * file and throws, so the caller can keep the state it had.
 */
export function saveState(file: string | undefined, state: EmulatorState): void {
  if (!file) return;
  const target = existsSync(file) && lstatSync(file).isSymbolicLink() ? realpathSync(file) : file;
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : 0o600;
  const tmp = `${target}.${process.pid}.${randomUUID()}.tmp`;
  try {
    // Compact: the file is rewritten after every change, and pretty-printing a large state made each call slower.
    writeFileSync(tmp, JSON.stringify(state), { mode });
    renameSync(tmp, target);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}
