/**
 * `npm run demo`: the whole story offline, through the real Pulumi CLI against the bundled IAM + Organizations
 * emulator. Each step says what it shows and checks that it happened; the first step that does not behave as
 * described stops the demo with a non-zero exit and the reason.
 */
import { DisableOrganizationsRootSessionsCommand, IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { start } from "../emulator";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, randomCredentials, run, scratchDir } from "../harness/engine";
import type { RunResult } from "../harness/engine";
import { programNode } from "../harness/toolchain";

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
  if (Number(process.versions.node.split(".")[0]) < 22) {
    // The demo itself runs on this Node and would print the notice; programs run on Node 24 when it is installed
    // (programNode), else they get the same variable. Said once here; the package never silences it for its users.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    process.stdout.write(
      `Note: the demo runs on Node.js ${process.versions.node}. AWS SDK for JavaScript releases after the first week of\n` +
        `January 2027 need Node.js 22 or later. Pulumi programs here run on Node ${programNode().version}.\n`,
    );
  }
  step(
    "start the emulator",
    "A local stand-in for AWS IAM and Organizations: one organization, IAM trusted access on, no features yet.",
  );
  const emulator = await start();
  const credentials = randomCredentials();
  const iam = new IAMClient({ region: "us-east-1", endpoint: emulator.url, credentials });
  const live = async (): Promise<string[]> => (await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures ?? [];
  process.stdout.write(`  emulator at ${emulator.url}\n`);
  process.stdout.write(
    "  (first run: building the Pulumi CLI from Go modules takes about 4 minutes on 2 cores; later runs reuse it)\n",
  );
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
  } finally {
    project.remove();
    iam.destroy();
    await emulator.close();
  }
  await rootCredentialsStory();
  process.stdout.write(`\n${bold("Demo complete: every step behaved as described.")}\n`);
}

const ORG = "o-demo000001";
const MEMBERS = { "222222222222": "workloads", "333333333333": "sandbox" } as const;

const LOCKING_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "Quarantine", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }],
});

/**
 * An organization with centralized root access on, root credentials left behind in two member accounts, and a
 * bucket locked by its own policy.
 */
function rootCredentialsSeed(): Record<string, unknown> {
  return {
    organizations: [
      {
        id: ORG,
        managementAccountId: "111111111111",
        trustedServices: ["iam.amazonaws.com"],
        enabledRootFeatures: ["RootCredentialsManagement", "RootSessions"],
      },
    ],
    accounts: [
      // The management account's root user as CIS wants it (MFA on, no access keys): the audit reads it directly.
      {
        id: "111111111111",
        name: "management",
        organizationId: ORG,
        rootUser: { password: true, mfaDevices: ["arn:aws:iam::111111111111:mfa/root-account-mfa-device"] },
      },
      {
        id: "222222222222",
        name: MEMBERS["222222222222"],
        organizationId: ORG,
        rootUser: {
          password: true,
          accessKeys: ["AKIAROOTWORKLOADS001"],
          mfaDevices: ["arn:aws:iam::222222222222:mfa/root-account-mfa-device"],
        },
      },
      {
        id: "333333333333",
        name: MEMBERS["333333333333"],
        organizationId: ORG,
        rootUser: { signingCertificates: ["CERTROOTSANDBOX000000001"] },
        // A policy meant for a quarantine bucket, applied to the wrong one: it locks everyone out, admins included.
        s3Buckets: [{ name: "sandbox-exports", region: "us-east-1", policy: LOCKING_POLICY }],
      },
    ],
    defaultAccountId: "111111111111",
  };
}

/** `pulumi-aws-root-access <args>`, the package's own CLI, against the emulator. */
async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<RunResult> {
  return run(process.execPath, [join(REPO_ROOT, "dist", "cli", "main.js"), ...args], REPO_ROOT, env);
}

async function rootCredentialsStory(): Promise<void> {
  step(
    "member-account root credentials: the audit",
    "A new organization: both features on, and root credentials left behind in two member accounts. The package's CLI\n" +
      "audits them through short root sessions (sts:AssumeRoot with IAMAuditRootUserCredentials).",
  );
  const emulator = await start({ seed: rootCredentialsSeed() });
  const credentials = randomCredentials();
  const project = await PulumiProject.create({
    program: join(REPO_ROOT, "examples", "root-credentials", "index.ts"),
    env: offlineEngineEnv(scratchDir("demo-root"), { emulatorUrl: emulator.url, credentials }),
    name: "root-credentials-demo",
    stack: "demo",
  });
  const rootOf = (id: string) => emulator.state().accounts.find((a) => a.id === id)!.rootUser!;
  try {
    process.stdout.write("  $ npx pulumi-aws-root-access audit\n");
    const found = await cli(project.env, "audit");
    show(found, /\S/);
    check(
      found.code === 1 && /222222222222 .*root credentials/.test(found.stdout),
      "the audit finds root credentials and exits 1",
      found,
    );

    step("pulumi preview", "examples/root-credentials declares one MemberRootCredentials per member account.");
    const preview = await project.preview();
    show(preview, /MemberRootCredentials|to create/);
    check(/\+ 4 to create/.test(preview.stdout), "the preview plans one resource per member account", preview);

    step("pulumi up removes them", "One IAMDeleteRootUserCredentials session per account that has something to delete.");
    const up = await project.up();
    show(up, /MemberRootCredentials \d{12}:/);
    check(
      Object.keys(MEMBERS).every((id) =>
        JSON.stringify(rootOf(id)).match(/"password":false,"accessKeys":\[\],"signingCertificates":\[\],"mfaDevices":\[\]/),
      ),
      "no root credential is left",
      up,
    );
    const clean = await cli(project.env, "audit");
    check(clean.code === 0, "the audit now exits 0: every member account is clean", clean);

    step("an access key reappears", 'Someone signs in as root and creates an access key "in the console".');
    const state = emulator.state();
    state.accounts.find((a) => a.id === "222222222222")!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1");
    emulator.setState(state);
    check(rootOf("222222222222").accessKeys.length === 1, "account 222222222222 has a root access key again");

    step("plain pulumi preview shows the drift", "No refresh: the preview audits each account and names what reappeared.");
    const drift = await project.preview();
    show(drift, /present|to update/);
    check(
      /222222222222: root access key AKIA…XYZ1 present/.test(drift.stdout),
      "the preview names the account and the (masked) key",
      drift,
    );

    step("pulumi up removes it", "Only the reappeared key is deleted; the other account is not touched.");
    const heal = await project.up();
    show(heal, /MemberRootCredentials \d{12}:|updated/);
    check(rootOf("222222222222").accessKeys.length === 0, "the key is gone", heal);

    step(
      "break-glass: a bucket locked by its own policy",
      "A quarantine policy landed on sandbox-exports: it denies everyone everything, admins included. Only the\n" +
        "account's root user can remove it; `locked` finds such buckets and queues, `unlock` removes the policy\n" +
        "through a root session (S3UnlockBucketPolicy).",
    );
    process.stdout.write("  $ npx pulumi-aws-root-access locked\n");
    const locked = await cli(project.env, "locked");
    show(locked, /sandbox-exports|checked/);
    check(
      locked.code === 1 && /333333333333 .*s3 +sandbox-exports +Quarantine/.test(locked.stdout),
      "locked finds the bucket",
      locked,
    );
    process.stdout.write("  $ npx pulumi-aws-root-access unlock s3 --account 333333333333 --bucket sandbox-exports --yes\n");
    const unlocked = await cli(project.env, "unlock", "s3", "--account", "333333333333", "--bucket", "sandbox-exports", "--yes");
    show(unlocked, /Removed|policy/);
    const bucket = emulator.state().accounts.find((a) => a.id === "333333333333")!.s3Buckets![0]!;
    check(unlocked.code === 0 && bucket.policy === undefined, "the policy is removed: the bucket is reachable again", unlocked);
    const leaked = emulator
      .mintedCredentials()
      .some((s) => [found, preview, up, drift, heal, locked, unlocked].some((r) => r.output.includes(s)));
    check(!leaked, "no root-session key, secret or token appeared in any output");
  } finally {
    project.remove();
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  const reason = e instanceof Error ? e.message : String(e);
  process.stderr.write(`\nDemo failed at step ${stepNumber}: ${reason}\n`);
  process.exit(1);
});
