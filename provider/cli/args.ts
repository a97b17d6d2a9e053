/**
 * The command line of `pulumi-aws-root-access`, parsed into the audit's options. Wrong usage is told before any
 * AWS call, with every problem at once.
 */
import { validateAuditOptions } from "../core/validate";
import type { AuditFormat } from "../rootCredentials/report";
import type { AuditRootCredentialsOptions } from "../rootCredentials/audit";

export const USAGE = `usage: pulumi-aws-root-access audit [--accounts all|ID,ID] [--format table|json|csv] [--concurrency N]
                              [--profile NAME] [--region REGION] [--role-arn ARN]

Audits the root user credentials of the organization's ACTIVE member accounts (or the --accounts named) through
short root sessions (sts:AssumeRoot with IAMAuditRootUserCredentials). Exit code: 0 every account is clean,
1 a root credential was found, 2 an account could not be audited (or the command was wrong).`;

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "audit"; format: AuditFormat; options: AuditRootCredentialsOptions }
  | { kind: "usage-error"; problems: string[] };

const FLAGS: Record<string, keyof AuditRootCredentialsOptions | "format"> = {
  "--accounts": "accounts",
  "--format": "format",
  "--concurrency": "concurrency",
  "--profile": "profile",
  "--region": "region",
  "--role-arn": "roleArn",
};

/** `--concurrency 8` → 8; anything but plain digits stays as given, so the check can show it. */
function valueOf(option: string, raw: string): unknown {
  if (option === "concurrency") return /^\d{1,6}$/.test(raw) ? Number(raw) : raw;
  if (option === "accounts") return raw === "all" ? "all" : raw.split(",").map((id) => id.trim());
  return raw;
}

export function parseCommand(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") return { kind: "help" };
  const [command, ...rest] = argv;
  if (command !== "audit")
    return { kind: "usage-error", problems: [`unknown command ${JSON.stringify(command)}; the command is "audit"`] };
  const problems: string[] = [];
  const given: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const option = Object.hasOwn(FLAGS, flag) ? FLAGS[flag]! : undefined;
    if (!option) {
      problems.push(`unknown argument ${JSON.stringify(arg.slice(0, 100))}; options: ${Object.keys(FLAGS).join(", ")}`);
      continue;
    }
    const raw = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : rest[++i];
    if (raw === undefined) problems.push(`${flag} needs a value`);
    else if (Object.hasOwn(given, option)) problems.push(`${flag} is given more than once`);
    else given[option] = valueOf(option, raw);
  }
  const failures = validateAuditOptions(given);
  problems.push(...failures.map((f) => f.reason));
  if (problems.length > 0) return { kind: "usage-error", problems };
  const { format, ...options } = given;
  return {
    kind: "audit",
    format: (format as AuditFormat | undefined) ?? "table",
    options: options as AuditRootCredentialsOptions,
  };
}
