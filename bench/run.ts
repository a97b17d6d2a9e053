/**
 * `npm run bench`: AWS calls per operation, engine overhead, state size and scale, measured through the real
 * Pulumi CLI against the emulator, with the package installed from its tarball as users install it. Prints a table
 * and writes bench/results.json and bench/scale.svg. Timings are medians of interleaved runs, reported as ratios
 * to a no-op dynamic resource measured in the same run; no timing is asserted anywhere.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import {
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { start } from "../emulator";
import type { CallRecord, RunningEmulator } from "../emulator";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, randomCredentials, scratchDir } from "../harness/engine";
import { installedProjectDir } from "../harness/installed";
import { multiOrgWorld } from "../harness/worlds";
import { renderScaleSvg } from "./report";
import { peakConcurrency } from "../harness/concurrency";
import { AUDIT_SIZES, LATENCY_MS, auditScale, callsPerAccount, organizationPreview } from "./rootCredentials";
import { PREVIEW_GOALS_MS, goalsOf, writeReadmeTable } from "./readme";
import type { BenchResults, ScalePoint } from "./readme";
import { nativeVsDynamic } from "./native";
import { median, timed } from "./timing";

type Kind = "RootSessions" | "RootCredentialsManagement" | "OrganizationsFeatures";
const KINDS: Kind[] = ["RootSessions", "RootCredentialsManagement", "OrganizationsFeatures"];
const FEATURES_OF: Record<Kind, number> = { RootSessions: 1, RootCredentialsManagement: 1, OrganizationsFeatures: 2 };
const OVERHEAD_REPS = 5;
const SCALE_SIZES = [1, 10, 50];
const SCALE_LATENCY_MS = 50;

const log = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

const isMutating = (c: CallRecord): boolean => !/^(List|Describe|Get)/.test(c.operation);

interface Harness {
  emulator: RunningEmulator;
  iam: IAMClient;
  stack(name: string, config: Record<string, string>, extraEnv?: Record<string, string>): Promise<PulumiProject>;
  close(): Promise<void>;
}

async function harness(dir: string, seed?: unknown, extraEnv: Record<string, string> = {}): Promise<Harness> {
  const emulator = await start(seed === undefined ? {} : { seed });
  const credentials = randomCredentials();
  const env = offlineEngineEnv(scratchDir("bench-engine"), { emulatorUrl: emulator.url, credentials, extra: extraEnv });
  const iam = new IAMClient({ region: "us-east-1", endpoint: emulator.url, credentials });
  return {
    emulator,
    iam,
    async stack(name, config) {
      const project = await PulumiProject.create({ dir, program: join(dir, "index.js"), env, typescript: false, stack: name });
      for (const [k, v] of Object.entries(config)) project.setConfig(k, v);
      return project;
    },
    async close() {
      iam.destroy();
      await emulator.close();
    },
  };
}

interface OperationCalls {
  operation: string;
  calls: number;
  mutating: number;
  organizationsCalls: number;
  /** One List per engine request that needs live state, plus one call per feature changed. */
  minimum: number;
}

// What the engine asks of a dynamic provider per command (read from its verbose log): preview → Diff;
// refresh → Read then Diff; up of an existing resource → Diff then Update; create, adopt, destroy → one request.
const MINIMUM_BASIS =
  "one ListOrganizationsFeatures per engine request that needs live state (preview: Diff; refresh: Read + Diff; " +
  "update: Diff + Update; create/adopt/destroy: one request) plus one Enable/Disable per feature changed";

async function callsPerOperation(dir: string): Promise<Record<Kind, OperationCalls[]>> {
  const out = {} as Record<Kind, OperationCalls[]>;
  for (const kind of KINDS) {
    const h = await harness(dir);
    const n = FEATURES_OF[kind];
    const rows: OperationCalls[] = [];
    const measure = async (operation: string, minimum: number, fn: () => Promise<unknown>): Promise<void> => {
      h.emulator.clearCalls();
      await fn();
      const calls = h.emulator.calls();
      rows.push({
        operation,
        calls: calls.length,
        mutating: calls.filter(isMutating).length,
        organizationsCalls: calls.filter((c) => c.service === "organizations").length,
        minimum,
      });
    };
    const stack = await h.stack(`calls-${kind}`, { kind });
    await measure("create", 1 + n, () => stack.up());
    await measure("preview (no change)", 1, () => stack.preview());
    const drifted =
      kind === "RootCredentialsManagement"
        ? new DisableOrganizationsRootCredentialsManagementCommand({})
        : new DisableOrganizationsRootSessionsCommand({});
    await h.iam.send(drifted as DisableOrganizationsRootSessionsCommand);
    await measure("preview (drift)", 1, () => stack.preview());
    await measure("refresh", 2, () => stack.refresh());
    await measure("update (heal drift)", 2 + 1, () => stack.up());
    await measure("destroy", 1 + n, () => stack.destroy());
    // Adopt: the organization already has every feature on when the stack is first created.
    const state = h.emulator.state();
    state.organizations[0]!.enabledRootFeatures = ["RootCredentialsManagement", "RootSessions"];
    h.emulator.setState(state);
    const adopt = await h.stack(`adopt-${kind}`, { kind });
    await measure("adopt", 1, () => adopt.up());
    await h.close();
    out[kind] = rows;
    log(`  calls measured for ${kind}`);
  }
  return out;
}

async function engineOverhead(dir: string): Promise<BenchResults["engineOverhead"] & Record<string, unknown>> {
  const h = await harness(dir);
  const ours = await h.stack("overhead-ours", { kind: "OrganizationsFeatures" });
  const noop = await h.stack("overhead-noop", { kind: "Noop" });
  const times = { ours: { up: [] as number[], preview: [] as number[] }, noop: { up: [] as number[], preview: [] as number[] } };
  for (let rep = 0; rep < OVERHEAD_REPS; rep += 1) {
    // Interleaved, so a noisy moment on a shared machine hits both sides.
    for (const [name, stack] of [
      ["ours", ours],
      ["noop", noop],
    ] as const) {
      times[name].up.push(await timed(() => stack.up()));
      times[name].preview.push(await timed(() => stack.preview()));
      await stack.destroy();
    }
    log(`  overhead repetition ${rep + 1}/${OVERHEAD_REPS}`);
  }
  await h.close();
  const m = (xs: number[]): number => median(xs);
  return {
    repetitions: OVERHEAD_REPS,
    previewMs: { ours: m(times.ours.preview), noop: m(times.noop.preview) },
    upMs: { ours: m(times.ours.up), noop: m(times.noop.up) },
    previewRatio: +(m(times.ours.preview) / m(times.noop.preview)).toFixed(3),
    upRatio: +(m(times.ours.up) / m(times.noop.up)).toFixed(3),
    samples: times,
  };
}

type Sizes = Record<string, { providerBytes: number; resourceBytes: number; exportBytes: number }>;

async function stateSize(dir: string): Promise<Sizes> {
  const h = await harness(dir);
  const sizes: Sizes = {};
  for (const kind of [...KINDS, "Noop"]) {
    const stack = await h.stack(`size-${kind}`, { kind });
    await stack.up();
    const exported = await stack.exportStack();
    const [resource] = await stack.resources(`:${kind}`);
    sizes[kind] = {
      providerBytes: Buffer.byteLength(String(resource!.inputs.__provider)),
      resourceBytes: Buffer.byteLength(JSON.stringify(resource)),
      exportBytes: Buffer.byteLength(exported),
    };
    await stack.destroy();
  }
  await h.close();
  return sizes;
}

async function scale(dir: string): Promise<ScalePoint[]> {
  const max = Math.max(...SCALE_SIZES);
  const world = multiOrgWorld(max, scratchDir("bench-scale"));
  const h = await harness(dir, world.seed, { AWS_SHARED_CREDENTIALS_FILE: world.credentialsFile });
  // Latency on every call, so running calls in parallel shows in wall time as it would against AWS.
  h.emulator.setFaults({ rules: [{ kind: "latency", count: 10_000, ms: SCALE_LATENCY_MS }] });
  const points: ScalePoint[] = [];
  for (const n of SCALE_SIZES) {
    const stack = await h.stack(`scale-${n}`, { kind: "RootSessions", count: String(n), perOrgProfiles: "true" });
    h.emulator.clearCalls();
    const upMs = await timed(() => stack.up());
    const upCalls = h.emulator.calls();
    h.emulator.clearCalls();
    const previewMs = await timed(() => stack.preview());
    const previewCalls = h.emulator.calls();
    points.push({
      resources: n,
      upMs,
      previewMs,
      upCalls: upCalls.length,
      previewCalls: previewCalls.length,
      peakConcurrentCalls: Math.max(peakConcurrency(upCalls), peakConcurrency(previewCalls)),
    });
    await stack.destroy();
    log(`  scale ${n}: up ${upMs} ms, preview ${previewMs} ms`);
  }
  await h.close();
  return points;
}

function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>): string => cells.map((c, i) => String(c).padEnd(widths[i]!)).join("  ");
  log(`\n${title}\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of rows) log(line(r));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  log("installing the packed package into a project outside the repository…");
  const dir = await installedProjectDir({ "index.js": readFileSync(join(__dirname, "program.js"), "utf8") });
  try {
    log("AWS calls per operation…");
    const calls = await callsPerOperation(dir);
    log("engine overhead…");
    const overhead = await engineOverhead(dir);
    log("state size…");
    const sizes = await stateSize(dir);
    log("scale…");
    const scalePoints = await scale(dir);
    log("root credentials: calls per account…");
    const perAccount = await callsPerAccount();
    log(`root credentials: the audit CLI over ${AUDIT_SIZES.join(", ")} member accounts…`);
    const audit = await auditScale();
    log("root credentials: preview of OrganizationRootCredentials, 1, 100 and 300 accounts…");
    const orgPreview = await organizationPreview(dir);
    log("the native face against the dynamic one…");
    const native = await nativeVsDynamic(dir, log);

    const results = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      durationSeconds: Math.round((Date.now() - t0) / 1000),
      callsPerOperation: { minimumBasis: MINIMUM_BASIS, ...calls },
      engineOverhead: overhead,
      stateSize: sizes,
      scale: { latencyPerCallMs: SCALE_LATENCY_MS, points: scalePoints },
      rootCredentials: {
        callsPerAccount: perAccount,
        auditCli: { latencyPerCallMs: LATENCY_MS, points: audit },
        organizationPreview: { latencyPerCallMs: LATENCY_MS, ...orgPreview },
      },
      nativeFace: native,
    };
    const goals = goalsOf(results);
    writeFileSync(join(REPO_ROOT, "bench", "results.json"), `${JSON.stringify({ ...results, goals }, null, 2)}\n`);
    writeReadmeTable(results);
    writeFileSync(join(REPO_ROOT, "bench", "scale.svg"), renderScaleSvg(scalePoints, SCALE_LATENCY_MS));

    printTable(
      "AWS calls per operation (calls / minimum; mutating; Organizations diagnostics)",
      ["resource", ...calls.RootSessions.map((r) => r.operation)],
      KINDS.map((k) => [k, ...calls[k].map((r) => `${r.calls}/${r.minimum}; ${r.mutating}; ${r.organizationsCalls}`)]),
    );
    printTable(
      `Engine overhead (median of ${OVERHEAD_REPS}, interleaved)`,
      ["command", "ours ms", "no-op ms", "ratio"],
      [
        ["preview", overhead.previewMs.ours, overhead.previewMs.noop, overhead.previewRatio],
        ["up", overhead.upMs.ours, overhead.upMs.noop, overhead.upRatio],
      ],
    );
    printTable(
      "State size (package installed as a dependency)",
      ["resource", "__provider bytes", "resource bytes", "stack export bytes"],
      Object.entries(sizes).map(([k, v]) => [k, v.providerBytes, v.resourceBytes, v.exportBytes]),
    );
    printTable(
      `Scale (RootSessions across organizations, ${SCALE_LATENCY_MS} ms emulated latency per call)`,
      ["resources", "up ms", "preview ms", "up calls", "preview calls", "peak concurrent calls"],
      scalePoints.map((p) => [p.resources, p.upMs, p.previewMs, p.upCalls, p.previewCalls, p.peakConcurrentCalls]),
    );
    printTable(
      "Root credentials: AWS calls per account",
      ["operation", "calls", "minimum", "the minimum"],
      perAccount.map((r) => [r.operation, r.calls, r.minimum, r.why]),
    );
    printTable(
      `Root credentials: the audit CLI (${LATENCY_MS} ms per call; floor = listing pages + per-account calls ÷ concurrency)`,
      ["accounts", "calls", "wall ms", "floor ms", "ratio", "ratio after start-up", "start-up ms", "peak RSS MiB", "exit"],
      audit.map((p) => [
        p.accounts,
        p.calls,
        p.wallMs,
        p.floorMs,
        p.ratioToFloor,
        p.ratioAfterStartup,
        p.startupMs,
        p.peakRssMiB,
        p.exitCode,
      ]),
    );
    printTable(
      `Root credentials: pulumi preview of OrganizationRootCredentials (${LATENCY_MS} ms per call)`,
      ["accounts", "PULUMI_PARALLEL_DIFF", "preview ms", "calls", "calls per account", "goal ms", "÷ goal"],
      orgPreview.points.map((p) => {
        const goal = p.parallelDiff ? undefined : PREVIEW_GOALS_MS[p.accounts];
        return [
          p.accounts,
          String(p.parallelDiff),
          p.previewMs,
          p.calls,
          Math.round((p.calls / p.accounts) * 100) / 100,
          goal ?? "",
          goal ? Math.round((p.previewMs / goal) * 100) / 100 : "",
        ];
      }),
    );
    log(`  time per account, 100 accounts vs 1: ${orgPreview.perAccountRatio}×`);
    printTable(
      `The native face (a YAML program) against the dynamic one, side by side; plugin start-up ${native.pluginStartMs} ms`,
      ["resources", "latency per call", "dynamic preview ms", "native preview ms", "native ÷ dynamic"],
      [
        [1, "none", native.onePreview.dynamicMs, native.onePreview.nativeMs, native.onePreview.ratio],
        ...native.scale.map((p) => [p.resources, "50 ms", p.dynamicPreviewMs, p.nativePreviewMs, p.ratio]),
      ],
    );
    printTable(
      "Goals (issue 24 and earlier): measured against the goal",
      ["goal", "measured", "goal", "÷ goal", ""],
      goals.map((g) => [g.goal, `${g.measured} ${g.unit}`, `${g.target} ${g.unit}`, g.ratio, g.met ? "met" : "NOT MET"]),
    );
    log(`\nwrote bench/results.json, bench/scale.svg and README.md's table in ${results.durationSeconds}s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
