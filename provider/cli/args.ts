/**
 * The command line of `pulumi-aws-root-access`: `audit`, `locked` and `unlock s3|sqs`, parsed into their functions'
 * options. Wrong usage is told before any AWS call, with every problem at once.
 */
import { validateFleetOptions, validateUnlockOptions } from "../core/validate";
import type { AuditFormat } from "../rootCredentials/report";
import type { AuditRootCredentialsOptions } from "../rootCredentials/audit";
import type { FindLockedResourcesOptions } from "../breakGlass/findLocked";
import type { UnlockBucketPolicyOptions, UnlockQueuePolicyOptions } from "../breakGlass/unlock";

const CONNECTION_FLAGS = "[--profile NAME] [--region REGION] [--role-arn ARN]";

export const USAGE = `usage: pulumi-aws-root-access audit [--accounts all|ID,ID] [--format table|json|csv] [--concurrency N]
                              ${CONNECTION_FLAGS}
       pulumi-aws-root-access locked [--accounts all|ID,ID] [--format table|json|csv] [--concurrency N]
                              ${CONNECTION_FLAGS}
       pulumi-aws-root-access unlock s3 --account ID --bucket NAME [--save-policy FILE] [--yes] ${CONNECTION_FLAGS}
       pulumi-aws-root-access unlock sqs --account ID --queue NAME|URL [--save-policy FILE] [--yes] ${CONNECTION_FLAGS}

audit   Audits the root user credentials of the organization's ACTIVE member accounts (or the --accounts named)
        through short root sessions (sts:AssumeRoot with IAMAuditRootUserCredentials). Exit code: 0 every account is
        clean, 1 a root credential was found, 2 an account could not be audited (or the command was wrong).
locked  Finds the S3 buckets and SQS queues (of --region) whose own policy denies every principal the repair of it,
        through root sessions with S3UnlockBucketPolicy and SQSUnlockQueuePolicy. Reads only. Exit code: 0 none
        found, 1 some found, 2 an account could not be checked (or the command was wrong).
unlock  Removes the policy that locks one bucket or queue, through a root session of its account. Prints the policy
        first, and --save-policy writes it to a new file (mode 0600) so it can be repaired and put back. Without
        --yes it asks on a terminal, and elsewhere changes nothing and exits 2. Then reads the resource again and
        says what is left. Exit code: 0 removed (or nothing to remove), 1 declined, 2 not removed or failed.`;

export type UnlockCommand =
  | { kind: "unlock"; service: "s3"; options: UnlockBucketPolicyOptions; savePolicy?: string; yes: boolean }
  | { kind: "unlock"; service: "sqs"; options: UnlockQueuePolicyOptions; savePolicy?: string; yes: boolean };

export type ParsedCommand =
  | { kind: "help" }
  | { kind: "audit"; format: AuditFormat; options: AuditRootCredentialsOptions }
  | { kind: "locked"; format: AuditFormat; options: FindLockedResourcesOptions }
  | UnlockCommand
  | { kind: "usage-error"; problems: string[] };

/** A flag's option name; `yes` takes no value. */
type Flags = Record<string, string>;

const CONNECTION: Flags = { "--profile": "profile", "--region": "region", "--role-arn": "roleArn" };
const FLEET: Flags = { "--accounts": "accounts", "--format": "format", "--concurrency": "concurrency", ...CONNECTION };
const UNLOCK: Record<"s3" | "sqs", Flags> = {
  s3: { "--account": "accountId", "--bucket": "bucket", "--save-policy": "savePolicy", "--yes": "yes", ...CONNECTION },
  sqs: { "--account": "accountId", "--queue": "queue", "--save-policy": "savePolicy", "--yes": "yes", ...CONNECTION },
};
const SWITCHES = new Set(["yes"]);

/** `--concurrency 8` → 8; anything but plain digits stays as given, so the check can show it. */
function valueOf(option: string, raw: string): unknown {
  if (option === "concurrency") return /^\d{1,6}$/.test(raw) ? Number(raw) : raw;
  if (option === "accounts") return raw === "all" ? "all" : raw.split(",").map((id) => id.trim());
  return raw;
}

/** Reads `--flag value`, `--flag=value` and switches into options, collecting every problem. */
function readFlags(args: readonly string[], flags: Flags, problems: string[]): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const option = Object.hasOwn(flags, flag) ? flags[flag]! : undefined;
    if (!option) {
      problems.push(`unknown argument ${JSON.stringify(arg.slice(0, 100))}; options: ${Object.keys(flags).join(", ")}`);
      continue;
    }
    const raw = SWITCHES.has(option)
      ? eq > 0
        ? arg.slice(eq + 1)
        : "true"
      : eq > 0 && arg.startsWith("--")
        ? arg.slice(eq + 1)
        : args[++i];
    if (raw === undefined) problems.push(`${flag} needs a value`);
    else if (Object.hasOwn(given, option)) problems.push(`${flag} is given more than once`);
    else if (SWITCHES.has(option) && raw !== "true") problems.push(`${flag} takes no value`);
    else given[option] = SWITCHES.has(option) ? true : valueOf(option, raw);
  }
  return given;
}

function fleet(kind: "audit" | "locked", args: readonly string[]): ParsedCommand {
  const problems: string[] = [];
  const given = readFlags(args, FLEET, problems);
  problems.push(...validateFleetOptions(kind, given).map((f) => f.reason));
  if (problems.length > 0) return { kind: "usage-error", problems };
  const { format, ...options } = given;
  return { kind, format: (format as AuditFormat | undefined) ?? "table", options } as ParsedCommand;
}

function unlock(args: readonly string[]): ParsedCommand {
  const [service, ...rest] = args;
  if (service !== "s3" && service !== "sqs")
    return { kind: "usage-error", problems: [`unlock needs "s3" or "sqs", got ${JSON.stringify(service ?? "nothing")}`] };
  const problems: string[] = [];
  const { savePolicy, yes, ...options } = readFlags(rest, UNLOCK[service], problems);
  const failures = validateUnlockOptions(service, options).map((f) => f.reason.replace(/^accountId\b/, "--account"));
  problems.push(...failures);
  if (savePolicy !== undefined && (typeof savePolicy !== "string" || savePolicy.trim() === ""))
    problems.push("--save-policy needs a file name");
  if (problems.length > 0) return { kind: "usage-error", problems };
  return {
    kind: "unlock",
    service,
    options,
    ...(savePolicy !== undefined ? { savePolicy } : {}),
    yes: yes === true,
  } as unknown as UnlockCommand;
}

export function parseCommand(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") return { kind: "help" };
  const [command, ...rest] = argv;
  if (command === "audit" || command === "locked") return fleet(command, rest);
  if (command === "unlock") return unlock(rest);
  return {
    kind: "usage-error",
    problems: [`unknown command ${JSON.stringify(command)}; the commands are "audit", "locked" and "unlock"`],
  };
}
