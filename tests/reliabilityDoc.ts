/**
 * docs/reliability.md, rendered from the very tables the reliability suites run, so every number in it is the
 * number the last green `npm test` proved. `npm run docs:reliability` rewrites it; a unit test checks it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { BAD_INPUTS } from "./badInputs";
import { BREAK_GLASS_BAD_INPUTS } from "./breakGlassBadInputs";
import { FAULT_SCENARIOS } from "./faultScenarios";
import { RELIABILITY } from "./fixtures";
import { REAL_WORLD_CHANGES } from "./realWorldChanges";
import { HOSTILE_INPUTS } from "./hostileInputs";

export const RELIABILITY_DOC = join(__dirname, "..", "docs", "reliability.md");

export function renderReliabilityDoc(): string {
  const kinds = [...new Set(BAD_INPUTS.map((c) => c.kind))];
  const properties = [...new Set(BAD_INPUTS.map((c) => c.property.replace(/\[\d+\]$/, "")))];
  const recovered = FAULT_SCENARIOS.filter((s) => !s.failsWith).length;
  const crash = RELIABILITY.crashPoints;
  const sources = RELIABILITY.credentialSources;
  const orgs = RELIABILITY.concurrentOrganizations;
  const lines = [
    "# Reliability and security figures",
    "",
    "Generated from the tables the test suites run (`npm run docs:reliability`); `npm test` fails if this file and",
    "those tables disagree, and passes only if every case below behaved as stated. Terraform's",
    "`aws_iam_organizations_features` for comparison: it stops at the first error, with no waiting and no adoption.",
    "",
    "| what | figure | proved by |",
    "| --- | --- | --- |",
    `| wrong declarations rejected in \`check\`, each naming its property, with zero AWS calls | ${BAD_INPUTS.length} cases over ${kinds.length} resources and ${properties.length} properties | \`tests/unit/providers/check.spec.ts\`, and again through the real engine in \`tests/e2e/bad-input.e2e.spec.ts\` (emulator call log: 0 calls) |`,
    `| injected AWS faults survived, each followed by a converging \`pulumi up\` | ${FAULT_SCENARIOS.length} of ${FAULT_SCENARIOS.length}: ${recovered} absorbed within the same \`up\`, ${FAULT_SCENARIOS.length - recovered} failed with a clear error naming what was done | \`tests/e2e/faults.e2e.spec.ts\`, \`tests/e2e/faults-that-fail.e2e.spec.ts\` |`,
    `| \`pulumi up\` killed with SIGKILL mid-call, then resumed | ${crash.length} of ${crash.length} converged (during ${crash.join(", during ")}) with no repeated AWS change | \`tests/e2e/crash.e2e.spec.ts\` |`,
    `| credential sources proven absent from stack export, serialized provider, CLI output and error messages | ${sources.length} of ${sources.length} (${sources.join(", ")}) | \`tests/e2e/secrets.e2e.spec.ts\` |`,
    `| resources across organizations, created and destroyed in parallel | ${orgs * 2} resources in ${orgs} organizations | \`tests/e2e/concurrency.e2e.spec.ts\` |`,
    "| Node.js versions running the unit, emulator and integration suites | 2 (20, 24) | `npm test`, `npm run test:node24` |",
    "| Node.js and `@pulumi/pulumi` under the end-to-end tier | Node 20 + 3.248.0 (every e2e spec); Node 24 + the newest SDK from the packed tarball | `tests/e2e/node24-newest-sdk.e2e.spec.ts` |",
    "| member accounts isolated from one failing account (`pulumi up`) | 4 declared, 1 blocked by an SCP: 3 converged in the same `up`, the fourth failed naming the account, the SCP and `aws:AssumedRoot`; the next `up` converged | `tests/e2e/root-credentials.e2e.spec.ts` |",
    "| member accounts isolated from one failing account (audit) | 3 audited, 1 SCP-denied: 2 rows audited, 1 row with `ServiceControlPolicyDeniedError`, exit code 2 | `tests/integ/rootCredentials.integ.spec.ts` |",
    `| wrong break-glass commands (\`locked\`, \`unlock s3\`, \`unlock sqs\`) refused before any AWS call | ${BREAK_GLASS_BAD_INPUTS.length} cases: bucket and queue names, queue URLs of another account, \`--accounts\` shapes, formats, flags | \`tests/unit/cli/break-glass-cli.spec.ts\`, and as processes against the emulator in \`tests/integ/breakGlass.integ.spec.ts\` (emulator call log: 0 calls) |`,
    "",
    "## Fault scenarios",
    "",
    "| fault | outcome of the faulty `up` |",
    "| --- | --- |",
    ...FAULT_SCENARIOS.map(
      (s) =>
        `| ${s.title} | ${s.failsWith ? "fails with a clear error; the next `up` converges" : "succeeds (SDK retries / bounded wait)"} |`,
    ),
    "",
    "Retries are the AWS SDK's standard strategy (up to 6 attempts, exponential backoff with jitter, throttling-aware),",
    "each request bounded by a 30 s timeout; the trusted-access wait is bounded by `propagationTimeoutSeconds`.",
    "",
    "## Real-world changes",
    "",
    "Ordinary changes to a program or an organization, each run end to end through the real CLI, and through both",
    "faces: the dynamic resources (a TypeScript program) and the native provider (the same declarations as a YAML",
    "program). The `import` option, `get`, and aliases of dynamic resources exist in the dynamic face only; the",
    "native provider has `pulumi import` instead.",
    "",
    "| change | outcome | proved by |",
    "| --- | --- | --- |",
    ...Object.values(REAL_WORLD_CHANGES).map((c) => `| ${c.change} | ${c.outcome} | \`${c.spec}\` |`),
    "",
    "## Hostile input",
    "",
    "Tried adversarially against the provider (through the real AWS SDK) and the emulator (through HTTP).",
    "",
    "| what was tried | what held | proved by |",
    "| --- | --- | --- |",
    ...HOSTILE_INPUTS.map((h) => `| ${h.tried} | ${h.held} | \`${h.spec}\` |`),
    "",
    "## After a crash",
    "",
    "If `pulumi up` dies mid-operation, the file backend keeps its lock and the stack records a pending operation.",
    "Run `pulumi cancel --yes` (releases the lock), then `pulumi up`: create adopts whatever the dead run had already",
    "enabled and update reads live state, so nothing is changed twice. `pulumi refresh` first is optional.",
    "",
  ];
  return lines.join("\n");
}

if (require.main === module) {
  writeFileSync(RELIABILITY_DOC, renderReliabilityDoc());
  process.stdout.write(`wrote ${RELIABILITY_DOC}\n`);
}
