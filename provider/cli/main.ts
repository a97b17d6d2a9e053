#!/usr/bin/env node
/**
 * `pulumi-aws-root-access audit`: the fleet audit of member accounts' root credentials from a shell. The report
 * goes to stdout in the chosen format and nothing else does; progress goes to stderr, only when it is a terminal.
 */
import { auditRootCredentials } from "../rootCredentials/audit";
import { renderAudit } from "../rootCredentials/report";
import { RootAccessError, printable, redact } from "../errors";
import { USAGE, parseCommand } from "./args";

const EXIT_CANNOT_AUDIT = 2;

function progress(done: number, total: number): void {
  process.stderr.write(`\raudited ${done}/${total} member accounts${done === total ? "\n" : ""}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === "usage-error") {
    process.stderr.write(`${command.problems.map((p) => `error: ${p}`).join("\n")}\n\n${USAGE}\n`);
    return EXIT_CANNOT_AUDIT;
  }
  try {
    const audit = await auditRootCredentials({ ...command.options, ...(process.stderr.isTTY ? { onProgress: progress } : {}) });
    process.stdout.write(renderAudit(audit, command.format));
    return audit.exitCode;
  } catch (e) {
    // A machine reading JSON always gets a document, even when nothing could be audited.
    if (command.format === "json")
      process.stdout.write(`${JSON.stringify({ error: describe(e), exitCode: EXIT_CANNOT_AUDIT }, null, 2)}\n`);
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
    process.exitCode = EXIT_CANNOT_AUDIT;
  },
);
