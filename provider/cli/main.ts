#!/usr/bin/env node
/**
 * `pulumi-aws-root-access audit | locked | unlock`: the fleet audit of member accounts' root credentials, the search
 * for buckets and queues locked by their own policy, and the break-glass unlock of one. Reports go to stdout in the
 * chosen format and nothing else does; progress goes to stderr, only when it is a terminal.
 */
import { existsSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { UnlockResult } from "../breakGlass/unlock";
import { RootAccessError, printable, redact } from "../errors";
import { USAGE, parseCommand } from "./args";
import type { UnlockCommand } from "./args";

/** Every command's exit code for "could not do it" (and for wrong usage). */
const EXIT_FAILED = 2;
/** `unlock`: the person at the terminal said no. */
const EXIT_DECLINED = 1;

function progress(verb: string): (done: number, total: number) => void {
  return (done, total) => process.stderr.write(`\r${verb} ${done}/${total} member accounts${done === total ? "\n" : ""}`);
}

/** Asks on the terminal; anything but y or yes is no. */
async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * Shows the policy, saves it when asked, and decides: --yes goes ahead, a terminal is asked, anything else changes
 * nothing. Returns the exit code when nothing is removed.
 */
async function runUnlock(command: UnlockCommand): Promise<number> {
  if (command.savePolicy && existsSync(command.savePolicy)) {
    process.stderr.write(`error: --save-policy ${command.savePolicy} exists; name a new file, so nothing is overwritten\n`);
    return EXIT_FAILED;
  }
  let refusal: number | undefined;
  const confirm = async (policy: string): Promise<boolean> => {
    process.stdout.write(`The policy to remove:\n${printable(prettyJson(policy))}\n`);
    if (command.savePolicy) {
      // A new file only, readable by its owner alone: a policy names principals and conditions.
      writeFileSync(command.savePolicy, `${policy}\n`, { mode: 0o600, flag: "wx" });
      process.stderr.write(`saved the policy to ${command.savePolicy}\n`);
    }
    if (command.yes) return true;
    if (process.stdin.isTTY && process.stderr.isTTY) {
      if (await ask("Remove it? [y/N] ")) return true;
      refusal = EXIT_DECLINED;
      return false;
    }
    process.stderr.write("Not removed: break-glass must be deliberate. Run again with --yes to remove this policy.\n");
    refusal = EXIT_FAILED;
    return false;
  };
  // Each command loads only what it runs: start-up counts in a short audit.
  const { unlockBucketPolicy, unlockQueuePolicy } = await import("../breakGlass/unlock");
  const { describeUnlock } = await import("../breakGlass/report");
  const result: UnlockResult =
    command.service === "s3"
      ? await unlockBucketPolicy({ ...command.options, confirm })
      : await unlockQueuePolicy({ ...command.options, confirm });
  process.stdout.write(describeUnlock(result));
  return refusal ?? 0;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "usage-error") {
    process.stderr.write(`${command.problems.map((p) => `error: ${p}`).join("\n")}\n\n${USAGE}\n`);
    return EXIT_FAILED;
  }
  if (command.kind === "unlock") return runUnlock(command);
  const onProgress = process.stderr.isTTY ? { onProgress: progress(command.kind === "audit" ? "audited" : "checked") } : {};
  try {
    if (command.kind === "audit") {
      const [{ auditRootCredentials }, { renderAudit }] = await Promise.all([
        import("../rootCredentials/audit"),
        import("../rootCredentials/report"),
      ]);
      const audit = await auditRootCredentials({ ...command.options, ...onProgress });
      process.stdout.write(renderAudit(audit, command.format));
      return audit.exitCode;
    }
    const [{ findLockedResources }, { renderLocked }] = await Promise.all([
      import("../breakGlass/findLocked"),
      import("../breakGlass/report"),
    ]);
    const report = await findLockedResources({ ...command.options, ...onProgress });
    process.stdout.write(renderLocked(report, command.format));
    return report.exitCode;
  } catch (e) {
    // A machine reading JSON always gets a document, even when nothing could be read.
    if (command.format === "json")
      process.stdout.write(`${JSON.stringify({ error: describe(e), exitCode: EXIT_FAILED }, null, 2)}\n`);
    throw e;
  }
}

/** The error as the user sees it: the package's errors are already redacted and say the fix; anything else is redacted here. */
function describe(e: unknown): { name: string; message: string } {
  if (RootAccessError.is(e)) return { name: e.name, message: printable(e.message) };
  const name = e instanceof Error ? e.name : "Error";
  return { name, message: printable(redact(e instanceof Error ? e.message : String(e))) };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Escaped: a message can echo a profile name or an AWS message, neither of which may steer the terminal.
    const { name, message } = describe(e);
    process.stderr.write(`error: ${name}: ${message}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
