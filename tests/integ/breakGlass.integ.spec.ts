/**
 * Break-glass against the emulator: `findLockedResources`, `unlockBucketPolicy` and `unlockQueuePolicy` in-process,
 * and the `locked` and `unlock` commands as processes. What each refusal looks like is asserted word for word where
 * a user acts on it.
 */
import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PutBucketPolicyCommand } from "@aws-sdk/client-s3";
import { findLockedResources } from "../../provider/breakGlass/findLocked";
import { unlockBucketPolicy, unlockQueuePolicy } from "../../provider/breakGlass/unlock";
import { scratchDir } from "../../harness/engine";
import {
  DELEGATED_ADMIN,
  KEYS,
  MANAGEMENT,
  MEMBER,
  MEMBER_2,
  ORG_ID,
  lockedResourcesSeed,
  lockingPolicy,
  operations,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { useEmulatorEnvironment } from "../integEnvironment";
import { BREAK_GLASS_BAD_INPUTS } from "../breakGlassBadInputs";

const MAIN = join(__dirname, "..", "..", "provider", "cli", "main.ts");

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );
}

function bucketPolicy(fx: EmulatorFixture, account: string, bucket: string): string | undefined {
  return fx.emulator
    .state()
    .accounts.find((a) => a.id === account)!
    .s3Buckets!.find((b) => b.name === bucket)!.policy;
}

function queuePolicy(fx: EmulatorFixture, account: string, queue: string): string | undefined {
  return fx.emulator
    .state()
    .accounts.find((a) => a.id === account)!
    .sqsQueues!.find((q) => q.name === queue)!.policy;
}

describe("break-glass against the emulator", function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  let seed: () => Record<string, unknown> = () => lockedResourcesSeed();
  before(async () => {
    fx = await startEmulator({ seed: seed() });
  });
  after(async () => fx.close());
  useEmulatorEnvironment(
    () => fx,
    () => KEYS.management,
  );
  beforeEach(() => {
    fx.emulator.setState(seed());
    fx.emulator.clearCalls();
  });

  describe("findLockedResources", () => {
    it("finds exactly the seeded locked buckets and queues across accounts, and changes nothing", async () => {
      const report = await findLockedResources();
      expect(report.exitCode).to.equal(1);
      const found = report.accounts.flatMap((a) =>
        (a.locked ?? []).map((l) => [a.accountId, l.service, l.resource, l.statements]),
      );
      expect(found).to.deep.equal([
        [MEMBER, "s3", "member-locked-bucket", ["DenyEveryone"]],
        [MEMBER, "sqs", `${fx.emulator.url}/${MEMBER}/member-locked-queue`, ["DenyEveryone"]],
        [DELEGATED_ADMIN, "s3", "security-locked-bucket", ["DenyEveryone"]],
      ]);
      expect(report.summary).to.deep.equal({ accounts: 5, checked: 3, withLocked: 2, locked: 3, failed: 0, notChecked: 2 });
      expect(report.accounts.find((a) => a.accountId === MANAGEMENT)?.notChecked).to.contain("management account");
      expect(operations(fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
    });

    it("spends per account one session per task, one list each, and one read per bucket or queue", async () => {
      await findLockedResources({ accounts: [MEMBER] });
      const calls = operations(fx.emulator).filter((o) => !["DescribeOrganization", "ListAccounts"].includes(o));
      expect(calls.sort()).to.deep.equal(
        [
          "AssumeRoot",
          "AssumeRoot",
          "ListBuckets",
          "GetBucketPolicy",
          "GetBucketPolicy",
          "GetBucketPolicy",
          "ListQueues",
          "GetQueueAttributes",
          "GetQueueAttributes",
        ].sort(),
      );
    });

    it("keeps every root session's key ID, secret and token out of its report and the call log", async () => {
      const report = await findLockedResources();
      const surface = JSON.stringify([report, fx.emulator.calls()]);
      expect(fx.emulator.mintedCredentials()).to.have.length.greaterThan(0);
      for (const secret of fx.emulator.mintedCredentials()) expect(surface).to.not.contain(secret);
    });
  });

  describe("unlock", () => {
    it("removes a locked bucket's policy, returns it, and reads the bucket again: no policy left", async () => {
      const result = await unlockBucketPolicy({ accountId: MEMBER, bucket: "member-locked-bucket" });
      expect(result).to.deep.equal({
        accountId: MEMBER,
        service: "s3",
        resource: "member-locked-bucket",
        policy: lockingPolicy("s3"),
        removed: true,
      });
      expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(undefined);
    });

    it("removes a locked queue's policy by name or URL", async () => {
      const url = `${fx.emulator.url}/${MEMBER}/member-locked-queue`;
      const byName = await unlockQueuePolicy({ accountId: MEMBER, queue: "member-locked-queue" });
      expect(byName).to.deep.include({ resource: url, removed: true, policy: lockingPolicy("sqs") });
      expect(queuePolicy(fx, MEMBER, "member-locked-queue")).to.equal(undefined);
      fx.emulator.setState(seed());
      expect(await unlockQueuePolicy({ accountId: MEMBER, queue: url })).to.deep.include({ removed: true });
    });

    it("changes nothing when confirm declines, after showing it the policy", async () => {
      let shown: string | undefined;
      const result = await unlockBucketPolicy({
        accountId: MEMBER,
        bucket: "member-locked-bucket",
        confirm: (policy) => {
          shown = policy;
          return false;
        },
      });
      expect(shown).to.equal(lockingPolicy("s3"));
      expect(result.removed).to.equal(false);
      expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(lockingPolicy("s3"));
      expect(operations(fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
    });

    it("removes nothing when the policy changed after it was confirmed, and says so", async () => {
      const err = await failure(
        unlockBucketPolicy({
          accountId: MEMBER,
          bucket: "member-locked-bucket",
          confirm: async () => {
            const root = fx.emulator.state();
            root.accounts.find((a) => a.id === MEMBER)!.s3Buckets![0]!.policy = lockingPolicy("s3").replace(
              "DenyEveryone",
              "Other",
            );
            fx.emulator.setState(root);
            return true;
          },
        }),
      );
      expect(err.name).to.equal("PolicyChangedError");
      expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.contain('"Other"');
    });

    it("refuses a bucket that does not exist with BucketNotFoundError, and a queue with QueueNotFoundError", async () => {
      const bucket = await failure(unlockBucketPolicy({ accountId: MEMBER, bucket: "no-such-bucket" }));
      expect(bucket.name).to.equal("BucketNotFoundError");
      expect(bucket.message).to.equal(
        `Cannot unlock bucket no-such-bucket in account ${MEMBER}: S3 has no bucket no-such-bucket that account ${MEMBER} ` +
          `owns (NoSuchBucket). Fix: check the name and the account; \`pulumi-aws-root-access locked --accounts ${MEMBER}\` ` +
          "lists the account's locked buckets.",
      );
      const queue = await failure(unlockQueuePolicy({ accountId: MEMBER, queue: "no-such-queue", region: "us-east-1" }));
      expect(queue.name).to.equal("QueueNotFoundError");
      expect(queue.message).to.contain(`SQS has no queue no-such-queue in account ${MEMBER} in us-east-1`);
    });

    it("refuses the management account as the target with ManagementAccountTargetError, changing nothing", async () => {
      const err = await failure(unlockBucketPolicy({ accountId: MANAGEMENT, bucket: "member-locked-bucket" }));
      expect(err.name).to.equal("ManagementAccountTargetError");
      expect(err.message).to.contain(`account ${MANAGEMENT} is the management account (organization ${ORG_ID})`);
    });

    it("refuses bad input before any AWS call, with every problem at once", async () => {
      const err = await failure(
        unlockQueuePolicy({ accountId: "12345", queue: `https://sqs.us-east-1.amazonaws.com/${MEMBER_2}/q` }),
      );
      expect(err.name).to.equal("InvalidArgumentsError");
      expect(err.message).to.contain('accountId must be a 12-digit AWS account ID, got "12345"');
      expect(fx.emulator.calls()).to.deep.equal([]);
    });
  });

  describe("with RootSessions off", () => {
    before(() => {
      seed = () => lockedResourcesSeed(["RootCredentialsManagement"]);
    });
    after(() => {
      seed = () => lockedResourcesSeed();
    });

    it("unlock says which feature is off and what to declare", async () => {
      const err = await failure(unlockBucketPolicy({ accountId: MEMBER, bucket: "member-locked-bucket" }));
      expect(err.name).to.equal("RootFeatureNotEnabledError");
      expect(err.message).to.equal(
        `Cannot unlock bucket member-locked-bucket in account ${MEMBER}: a root session for S3UnlockBucketPolicy in ` +
          `account ${MEMBER} needs the centralized root access feature RootSessions, which is not enabled (organization ` +
          `${ORG_ID}). Fix: declare \`RootSessions\` (or \`OrganizationsFeatures\` listing "RootSessions", or ` +
          "`CentralizedRootAccess`) and run `pulumi up`.",
      );
    });

    it("the search says it once for the organization", async () => {
      const report = await findLockedResources();
      expect(report.exitCode).to.equal(2);
      expect(report.organizationError?.name).to.equal("RootFeatureNotEnabledError");
      expect(report.organizationError?.message).to.contain("RootSessions").and.contain("each member account");
    });
  });

  describe("with an SCP that denies S3 to one account, root sessions included", () => {
    before(() => {
      seed = () => {
        const s = lockedResourcesSeed();
        (s.organizations as Array<Record<string, unknown>>)[0]!.serviceControlPolicies = [{ targets: [MEMBER], deny: ["s3:*"] }];
        return s;
      };
    });
    after(() => {
      seed = () => lockedResourcesSeed();
    });

    it("unlock names the SCP and the aws:AssumedRoot exemption", async () => {
      const err = await failure(unlockBucketPolicy({ accountId: MEMBER, bucket: "member-locked-bucket" }));
      expect(err.name).to.equal("ServiceControlPolicyDeniedError");
      expect(err.message).to.equal(
        `Cannot unlock bucket member-locked-bucket in account ${MEMBER}: a service control policy denies ` +
          `s3:GetBucketPolicy in account ${MEMBER}, and it applies to root sessions. Fix: exempt root sessions in that ` +
          'SCP statement with the condition {"BoolIfExists": {"aws:AssumedRoot": "false"}}, or take the account out of ' +
          "the policy's targets.",
      );
    });
  });
});

describe("the locked and unlock commands as processes", function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await startEmulator({ seed: lockedResourcesSeed() });
  });
  afterEach(async () => fx.close());

  function cliEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: fx.emulator.url,
      AWS_ACCESS_KEY_ID: KEYS.management,
      AWS_SECRET_ACCESS_KEY: fx.credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
  }

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ["--import", "tsx", MAIN, ...args], { env: cliEnv() }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, stdout, stderr }),
      );
    });
  }

  /** The command on a terminal (a pseudo-terminal from util-linux `script`), answering its question with `answer`. */
  function onTerminal(args: string[], answer: string): Promise<{ code: number; output: string }> {
    const command = [process.execPath, "--import", "tsx", MAIN, ...args].map((a) => `'${a}'`).join(" ");
    return new Promise((resolve) => {
      const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], { env: cliEnv() });
      let output = "";
      child.stdout.on("data", (d: Buffer) => {
        output += d;
        if (output.includes("Remove it? [y/N]") && !child.stdin.writableEnded) child.stdin.end(`${answer}\n`);
      });
      child.on("close", (code) => resolve({ code: code ?? -1, output }));
    });
  }

  it("locked exits 1 and lists each locked resource on stdout, with nothing on a non-terminal stderr", async () => {
    const r = await cli(["locked"]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal("");
    expect(r.stdout).to.match(new RegExp(`${MEMBER} .* s3 +member-locked-bucket +DenyEveryone`));
    expect(r.stdout).to.match(new RegExp(`${DELEGATED_ADMIN} .* s3 +security-locked-bucket`));
    expect(r.stdout).to.contain(`${ORG_ID}: 5 accounts: 3 checked (2 with 3 locked resources), 0 failed, 2 not checked.`);
    const json = JSON.parse((await cli(["locked", "--format", "json", "--accounts", MEMBER_2])).stdout) as { exitCode: number };
    expect(json.exitCode).to.equal(0);
  });

  it("unlock without --yes off a terminal prints the policy, changes nothing and exits 2", async () => {
    const r = await cli(["unlock", "s3", "--account", MEMBER, "--bucket", "member-locked-bucket"]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.contain("The policy to remove:").and.contain('"Sid": "DenyEveryone"');
    expect(r.stderr).to.contain("Not removed: break-glass must be deliberate. Run again with --yes");
    expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(lockingPolicy("s3"));
  });

  it("unlock --yes --save-policy removes it, saves it (mode 0600), and the saved policy puts the lock back", async () => {
    const file = join(scratchDir("unlock"), "policy.json");
    const r = await cli([
      "unlock",
      "s3",
      "--account",
      MEMBER,
      "--bucket",
      "member-locked-bucket",
      "--save-policy",
      file,
      "--yes",
    ]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(
      `Removed the policy of the bucket member-locked-bucket in account ${MEMBER}. It has no policy now`,
    );
    expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(undefined);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const saved = readFileSync(file, "utf8").trim();
    expect(saved).to.equal(lockingPolicy("s3"));
    await fx.clientsFor(KEYS.member).s3.send(new PutBucketPolicyCommand({ Bucket: "member-locked-bucket", Policy: saved }));
    expect((await cli(["locked", "--accounts", MEMBER])).stdout).to.contain("member-locked-bucket");
    const again = await cli(["unlock", "s3", "--account", MEMBER, "--bucket", "member-locked-bucket", "--save-policy", file]);
    expect(again.code).to.equal(2);
    expect(again.stderr).to.contain("exists; name a new file");
  });

  it("unlock on a terminal asks: no changes nothing and exits 1, yes removes the policy", async () => {
    const args = ["unlock", "s3", "--account", MEMBER, "--bucket", "member-locked-bucket"];
    const no = await onTerminal(args, "n");
    expect(no.code, no.output).to.equal(1);
    expect(no.output).to.contain("Nothing changed: the policy of the bucket member-locked-bucket");
    expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(lockingPolicy("s3"));
    const yes = await onTerminal(args, "y");
    expect(yes.code, yes.output).to.equal(0);
    expect(bucketPolicy(fx, MEMBER, "member-locked-bucket")).to.equal(undefined);
  });

  it("unlock sqs --yes by URL empties the queue's policy", async () => {
    const url = `${fx.emulator.url}/${MEMBER}/member-locked-queue`;
    const r = await cli(["unlock", "sqs", "--account", MEMBER, "--queue", url, "--yes"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(queuePolicy(fx, MEMBER, "member-locked-queue")).to.equal(undefined);
  });

  it(`refuses each of ${BREAK_GLASS_BAD_INPUTS.length} wrong commands with exit 2 and the reason, making no AWS call`, async () => {
    for (const row of BREAK_GLASS_BAD_INPUTS) {
      const r = await cli(row.argv);
      expect(r.code, row.title).to.equal(2);
      expect(r.stderr, row.title).to.match(row.reason);
      expect(r.stdout, row.title).to.equal("");
    }
    expect(fx.emulator.calls()).to.deep.equal([]);
  });

  it("refuses the management account with exit 2 and the typed error on stderr", async () => {
    const r = await cli(["unlock", "s3", "--account", MANAGEMENT, "--bucket", "member-locked-bucket", "--yes"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error: ManagementAccountTargetError: Cannot unlock bucket member-locked-bucket/);
  });
});
