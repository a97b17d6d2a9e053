#!/usr/bin/env node
/**
 * `pulumi-aws-root-access audit`: the fleet audit of member accounts' root credentials from a shell. The report
 * goes to stdout in the chosen format and nothing else does; progress goes to stderr, only when it is a terminal.
 */
import { auditRootCredentials } from "../rootCredentials/audit";
import { renderAudit } from "../rootCredentials/report";
import { RootAccessError, redact } from "../errors";
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
  const audit = await auditRootCredentials({ ...command.options, ...(process.stderr.isTTY ? { onProgress: progress } : {}) });
  process.stdout.write(renderAudit(audit, command.format));
  return audit.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // The package's errors are already redacted and say the fix; anything else is redacted here.
    const message = RootAccessError.isInstance(e)
      ? `${e.name}: ${e.message}`
      : redact(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    process.stderr.write(`error: ${message}\n`);
    process.exitCode = EXIT_CANNOT_AUDIT;
  },
);
