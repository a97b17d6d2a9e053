/**
 * Benchmarks of member-account root credentials: AWS calls per account against the minimum, the `audit` CLI over
 * 10, 100 and 1,000 member accounts at emulated latency (wall time as a ratio to the physical floor, and memory
 * peak), and `pulumi preview` of OrganizationRootCredentials for 100 accounts against 1.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { start } from "../emulator";
import type { RunningEmulator } from "../emulator";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, randomCredentials, run, scratchDir } from "../harness/engine";
import { DEFAULT_AUDIT_CONCURRENCY } from "../provider/rootCredentials/audit";
import { muted } from "../harness/stdout";

export const AUDIT_SIZES = [10, 100, 1000];
export const LATENCY_MS = 50;
const ORG = "o-bench00001";
const MANAGEMENT = "100000000000";
const DIRTY_ROOT = {
  password: true,
  accessKeys: ["AKIABENCHROOT0000001"],
  signingCertificates: ["CERTBENCHROOT00000000001"],
  mfaDevices: ["arn:aws:iam::100000000001:mfa/root-account-mfa-device"],
};

const memberId = (i: number): string => String(100000000001 + i);

/** An organization with `n` member accounts; every tenth has all four kinds of root credential. */
export function fleetSeed(n: number, dirtyEvery = 10): Record<string, unknown> {
  const accounts: Array<Record<string, unknown>> = [{ id: MANAGEMENT, name: "management", organizationId: ORG }];
  for (let i = 0; i < n; i += 1) {
    const id = memberId(i);
    const dirty = dirtyEvery > 0 && i % dirtyEvery === 0;
    accounts.push({
      id,
      name: `member-${i}`,
      organizationId: ORG,
      ...(dirty ? { rootUser: { ...DIRTY_ROOT, mfaDevices: [`arn:aws:iam::${id}:mfa/root-account-mfa-device`] } } : {}),
    });
  }
  return {
    organizations: [
      {
        id: ORG,
        managementAccountId: MANAGEMENT,
        trustedServices: ["iam.amazonaws.com"],
        enabledRootFeatures: ["RootCredentialsManagement", "RootSessions"],
      },
    ],
    accounts,
    defaultAccountId: MANAGEMENT,
  };
}

interface CliRun {
  code: number;
  ms: number;
  peakRssMiB: number;
}

/** Runs the CLI with a preload that records its own peak RSS when it exits. */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const rssFile = join(scratchDir("bench-rss"), "rss");
  const preload = pathToFileURL(join(__dirname, "peakRss.mjs")).href;
  const t0 = performance.now();
  const result = await run(
    process.execPath,
    ["--import", preload, join(REPO_ROOT, "dist", "cli", "main.js"), ...args],
    REPO_ROOT,
    { ...env, BENCH_PEAK_RSS_FILE: rssFile },
  );
  const ms = Math.round(performance.now() - t0);
  return { code: result.code, ms, peakRssMiB: Math.round(Number(readFileSync(rssFile, "utf8")) / 1024) };
}

export interface AuditScalePoint {
  accounts: number;
  calls: number;
  wallMs: number;
  floorMs: number;
  ratioToFloor: number;
  peakRssMiB: number;
  exitCode: number;
  /** The same CLI answering `--help` (Node, the AWS SDK and the package loaded, no call): what every run pays first. */
  startupMs: number;
  /** The ratio with that start-up left out of the wall time. */
  ratioAfterStartup: number;
}

/** The `audit` CLI over a fleet, with every call delayed; the floor is calls × latency ÷ concurrency. */
export async function auditScale(): Promise<AuditScalePoint[]> {
  const points: AuditScalePoint[] = [];
  const startups: number[] = [];
  for (let i = 0; i < 3; i += 1) startups.push((await runCli(["--help"], process.env)).ms);
  const startupMs = startups.sort((a, b) => a - b)[1]!;
  for (const n of AUDIT_SIZES) {
    const emulator = await start({ seed: fleetSeed(n) });
    emulator.setFaults({ rules: [{ kind: "latency", count: 10_000, ms: LATENCY_MS }] });
    const credentials = randomCredentials();
    const env = offlineEngineEnv(scratchDir("bench-audit"), { emulatorUrl: emulator.url, credentials });
    const audit = await runCli(["audit", "--format", "json"], env);
    const calls = emulator.calls();
    // Listing the accounts is one page after another; the per-account work runs DEFAULT_AUDIT_CONCURRENCY at a time.
    const listing = calls.filter((c) => c.service === "organizations").length;
    const floorMs = Math.round(listing * LATENCY_MS + ((calls.length - listing) * LATENCY_MS) / DEFAULT_AUDIT_CONCURRENCY);
    points.push({
      accounts: n,
      calls: calls.length,
      wallMs: audit.ms,
      floorMs,
      ratioToFloor: Math.round((audit.ms / floorMs) * 100) / 100,
      peakRssMiB: audit.peakRssMiB,
      exitCode: audit.code,
      startupMs,
      ratioAfterStartup: Math.round(((audit.ms - startupMs) / floorMs) * 100) / 100,
    });
    await emulator.close();
  }
  return points;
}

export interface CallsPerAccount {
  operation: string;
  calls: number;
  minimum: number;
  why: string;
}

/** Calls the audit and MemberRootCredentials spend on one account, clean and with all four kinds. */
export async function callsPerAccount(): Promise<CallsPerAccount[]> {
  const emulator = await start({ seed: fleetSeed(2, 1) });
  const clean = fleetSeed(2, 0);
  const credentials = randomCredentials();
  const saved = { ...process.env };
  Object.assign(process.env, offlineEngineEnv(scratchDir("bench-calls"), { emulatorUrl: emulator.url, credentials }));
  try {
    const { FULL_AUDIT, auditMember } = await import("../provider/rootCredentials/memberAccount");
    const { createAwsApi } = await import("../provider/aws");
    const provider = (await import("../provider/providers/MemberRootCredentials")).default;
    const api = () => createAwsApi({ region: "us-east-1" });
    const count = async (fn: () => Promise<unknown>): Promise<number> => {
      emulator.clearCalls();
      await fn();
      return emulator.calls().length;
    };
    const rows: CallsPerAccount[] = [];
    rows.push({
      operation: "audit, all four kinds present (1 key, last use read)",
      calls: await count(() => auditMember(api(), memberId(0), FULL_AUDIT)),
      minimum: 6,
      why: "AssumeRoot, GetAccountSummary, ListAccessKeys, GetAccessKeyLastUsed, ListSigningCertificates, ListMFADevices",
    });
    rows.push({
      operation: "removal (create), all four kinds present",
      calls: await count(() => muted(() => provider.create({ accountId: memberId(0) }))),
      minimum: 10,
      why: "an audit (5 without last use), AssumeRoot, 4 deletes; the package then audits again (3: no password now, so GetLoginProfile too) to report what is left",
    });
    emulator.setState(clean);
    rows.unshift({
      operation: "audit, clean account",
      calls: await count(() => auditMember(api(), memberId(1), FULL_AUDIT)),
      minimum: 3,
      why: "AssumeRoot, GetAccountSummary, GetLoginProfile (no password: a password-less login profile is still a way in)",
    });
    rows.push({
      operation: "removal (create) or preview (diff), clean account",
      calls: await count(() => muted(() => provider.create({ accountId: memberId(1) }))),
      minimum: 3,
      why: "AssumeRoot, GetAccountSummary, GetLoginProfile (password is removed by default); no delete session is opened",
    });
    rows.push(...(await breakGlassCalls(emulator, count)));
    rows.push(await refusedSessionCalls(emulator, count));
    return rows;
  } finally {
    process.env = saved;
    await emulator.close();
  }
}

/** Accounts in the refused-sessions row (issue 24: the diagnosis once per run, not once per account). */
export const REFUSED_ACCOUNTS = 400;

/** The audit of an organization whose every root session is refused: the caller may not call sts:AssumeRoot. */
async function refusedSessionCalls(
  emulator: RunningEmulator,
  count: (fn: () => Promise<unknown>) => Promise<number>,
): Promise<CallsPerAccount> {
  const key = "AKIABENCHREFUSED0001";
  const seed = fleetSeed(REFUSED_ACCOUNTS, 0);
  seed.accessKeys = [{ accessKeyId: key, accountId: MANAGEMENT, allowedActions: ["iam:*", "organizations:*"] }];
  emulator.setState(seed);
  process.env.AWS_ACCESS_KEY_ID = key;
  const { auditRootCredentials } = await import("../provider/rootCredentials/audit");
  const calls = await count(() => auditRootCredentials());
  return {
    operation: `audit, every root session refused (${REFUSED_ACCOUNTS} accounts, no sts:AssumeRoot), per account`,
    calls: Math.round((calls / REFUSED_ACCOUNTS) * 100) / 100,
    minimum: 3,
    why: "goal ≤ 3: the refused AssumeRoot, and the diagnosis of why (ListOrganizationsFeatures, DescribeOrganization, ListAccounts) once per run, not once per account",
  };
}

/** A policy that locks its resource: every action of the service denied to everyone. */
const lockedBy = (service: string) =>
  JSON.stringify({ Statement: [{ Sid: "Lock", Effect: "Deny", Principal: "*", Action: `${service}:*`, Resource: "*" }] });

/** Break-glass calls for one member account with 3 buckets and 2 queues, one of each locked. */
async function breakGlassCalls(
  emulator: Awaited<ReturnType<typeof start>>,
  count: (fn: () => Promise<unknown>) => Promise<number>,
): Promise<CallsPerAccount[]> {
  const seed = fleetSeed(1, 0);
  const member = (seed.accounts as Array<Record<string, unknown>>)[1]!;
  member.s3Buckets = [{ name: "bench-locked", policy: lockedBy("s3") }, { name: "bench-open-1" }, { name: "bench-open-2" }];
  member.sqsQueues = [{ name: "bench-locked", policy: lockedBy("sqs") }, { name: "bench-open" }];
  emulator.setState(seed);
  const { findLockedResources } = await import("../provider/breakGlass/findLocked");
  const { unlockBucketPolicy } = await import("../provider/breakGlass/unlock");
  const organizationCalls = ["DescribeOrganization", "ListAccounts"];
  const locked = await count(() => findLockedResources({ accounts: [memberId(0)] }));
  const perAccount = locked - emulator.calls().filter((c) => organizationCalls.includes(c.operation)).length;
  return [
    {
      operation: "locked: one account, 3 buckets and 2 queues (1 of each locked)",
      calls: perAccount,
      minimum: 9,
      why: "per task 1 AssumeRoot and 1 list (4), then 1 read per bucket or queue (5); plus DescribeOrganization and ListAccounts once per run",
    },
    {
      operation: "unlock s3, a locked bucket",
      calls: await count(() => unlockBucketPolicy({ accountId: memberId(0), bucket: "bench-locked" })),
      minimum: 2,
      why: "AssumeRoot and DeleteBucketPolicy; the package spends 4 more, on purpose: the read it shows before the change, a second session that checks the policy is still the one shown, and the read after, which says what is left",
    },
  ];
}

export interface PreviewScale {
  accounts: number;
  /** With PULUMI_PARALLEL_DIFF=true: the engine runs the resources' diffs side by side. */
  parallelDiff: boolean;
  previewMs: number;
  calls: number;
  msPerAccount: number;
}

/** `pulumi preview` of OrganizationRootCredentials over clean accounts: 1, 100 and 300, at emulated latency. */
export async function organizationPreview(dir: string): Promise<{ points: PreviewScale[]; perAccountRatio: number }> {
  const emulator = await start({ seed: fleetSeed(300, 0) });
  const credentials = randomCredentials();
  const env = offlineEngineEnv(scratchDir("bench-org"), { emulatorUrl: emulator.url, credentials });
  const points: PreviewScale[] = [];
  try {
    for (const [n, parallelDiff] of [
      [1, false],
      [100, false],
      [300, false],
      [100, true],
    ] as const) {
      const project = await PulumiProject.create({
        dir,
        program: join(dir, "index.js"),
        env: parallelDiff ? { ...env, PULUMI_PARALLEL_DIFF: "true" } : env,
        typescript: false,
        stack: `org-${n}${parallelDiff ? "-parallel" : ""}`,
      });
      project.setConfig("kind", "OrganizationRootCredentials");
      // Every ACTIVE member account of an organization of n: the component's default, as most programs declare it.
      emulator.setState(fleetSeed(n, 0));
      await project.up();
      emulator.setFaults({ rules: [{ kind: "latency", count: 10_000, ms: LATENCY_MS }] });
      emulator.clearCalls();
      const t0 = performance.now();
      await project.preview();
      const previewMs = Math.round(performance.now() - t0);
      emulator.setFaults({ rules: [] });
      points.push({
        accounts: n,
        parallelDiff,
        previewMs,
        calls: emulator.calls().length,
        msPerAccount: Math.round(previewMs / n),
      });
      await project.destroy();
    }
  } finally {
    await emulator.close();
    rmSync(env.PULUMI_HOME!, { recursive: true, force: true });
  }
  return { points, perAccountRatio: Math.round((points[1]!.msPerAccount / points[0]!.msPerAccount) * 1000) / 1000 };
}
