/**
 * `npm run demo`: the whole story offline, through the real Pulumi CLI against the bundled IAM + Organizations
 * emulator. Each step says what it shows and checks that it happened; the first step that does not behave as
 * described stops the demo with a non-zero exit and the reason.
 */
import { DisableOrganizationsRootSessionsCommand, IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { start } from "../emulator";
import { PulumiProject, offlineEngineEnv, randomCredentials, scratchDir } from "../harness/engine";
import type { RunResult } from "../harness/engine";

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
let stepNumber = 0;

function step(title: string, explanation: string): void {
  stepNumber += 1;
  process.stdout.write(`\n${bold(`Step ${stepNumber}: ${title}`)}\n${explanation}\n`);
}

class DemoFailure extends Error {}

function check(ok: boolean, what: string, result?: RunResult): void {
  if (!ok) throw new DemoFailure(`${what}${result ? `\n--- pulumi output ---\n${result.output}` : ""}`);
  process.stdout.write(`  ✓ ${what}\n`);
}

/** Prints the lines of CLI output that matter to a newcomer, indented. */
function show(result: RunResult, pattern: RegExp): void {
  for (const line of result.stdout.split("\n")) {
    if (pattern.test(line)) process.stdout.write(`  │ ${line.trim()}\n`);
  }
}

async function main(): Promise<void> {
  step(
    "start the emulator",
    "A local stand-in for AWS IAM and Organizations: one organization, IAM trusted access on, no features yet.",
  );
  const emulator = await start();
  const credentials = randomCredentials();
  const iam = new IAMClient({ region: "us-east-1", endpoint: emulator.url, credentials });
  const live = async (): Promise<string[]> => (await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures ?? [];
  process.stdout.write(`  emulator at ${emulator.url}\n`);
  process.stdout.write("  (first run: building the Pulumi CLI from Go modules takes about 11 minutes; later runs are instant)\n");
  const project = await PulumiProject.create({
    env: offlineEngineEnv(scratchDir("demo"), { emulatorUrl: emulator.url, credentials }),
    name: "root-access-demo",
    stack: "demo",
  });
  try {
    step("pulumi preview", "Pulumi shows what it would do: create an OrganizationsFeatures resource turning both features on.");
    const preview = await project.preview();
    show(preview, /OrganizationsFeatures|to create/);
    check(/\+ 2 to create/.test(preview.stdout), "the preview plans the resource and changes nothing yet", preview);
    check((await live()).length === 0, "AWS still has no feature enabled");

    step("pulumi up", "Enables RootCredentialsManagement and RootSessions: one IAM call each.");
    const up = await project.up();
    show(up, /created|enabledFeatures|"Root/);
    check(
      JSON.stringify(await live()) === '["RootCredentialsManagement","RootSessions"]',
      "both features are enabled in the organization",
      up,
    );

    step(
      "a change in the console",
      "Someone switches RootSessions off by hand (here: a plain AWS SDK call, as the console makes).",
    );
    await iam.send(new DisableOrganizationsRootSessionsCommand({}));
    check(JSON.stringify(await live()) === '["RootCredentialsManagement"]', "RootSessions is now off in AWS");

    step(
      "plain pulumi preview catches the drift",
      "No refresh needed: the provider compares the declaration with live state and names what drifted.",
    );
    const drift = await project.preview();
    show(drift, /drift|to update/);
    check(
      /~ 1 to update/.test(drift.stdout) && /drift in organization .* RootSessions/.test(drift.stdout),
      "the preview reports the drifted feature",
      drift,
    );

    step("pulumi refresh", "Records the live state in the stack, so `pulumi stack` shows what AWS really has.");
    const refresh = await project.refresh();
    const [resource] = await project.resources(":OrganizationsFeatures");
    process.stdout.write(`  │ enabledFeatures in state after refresh: ${JSON.stringify(resource?.outputs.enabledFeatures)}\n`);
    check(
      JSON.stringify(resource?.outputs.enabledFeatures) === '["RootCredentialsManagement"]',
      "state now records the drift",
      refresh,
    );

    step("pulumi up heals it", "Turns RootSessions back on, touching nothing else.");
    const heal = await project.up();
    show(heal, /updated|unchanged/);
    check(
      JSON.stringify(await live()) === '["RootCredentialsManagement","RootSessions"]',
      "both features are enabled again",
      heal,
    );
    const clean = await project.preview(["--expect-no-changes"], true);
    check(clean.code === 0, "a preview now reports no changes", clean);

    step("pulumi destroy", "Disables exactly the declared features and empties the stack.");
    const destroy = await project.destroy();
    show(destroy, /deleted/);
    check((await live()).length === 0, "no feature remains enabled", destroy);

    const leaked = [credentials.accessKeyId, credentials.secretAccessKey].some((s) =>
      (preview.output + up.output + drift.output + heal.output).includes(s),
    );
    check(!leaked, "the access key and secret appeared in no output");
    process.stdout.write(`\n${bold("Demo complete: every step behaved as described.")}\n`);
  } finally {
    project.remove();
    iam.destroy();
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  const reason = e instanceof Error ? e.message : String(e);
  process.stderr.write(`\nDemo failed at step ${stepNumber}: ${reason}\n`);
  process.exit(1);
});
