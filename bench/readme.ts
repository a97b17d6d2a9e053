/**
 * The benchmark's goals and the README's benchmark table, both derived from `bench/results.json`: `npm run bench`
 * writes them after each run, and `npm run bench:readme` rewrites the README's table from the results on disk.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AuditScalePoint, CallsPerAccount, PreviewScale } from "./rootCredentials";

const REPO_ROOT = resolve(__dirname, "..");
export const README = join(REPO_ROOT, "README.md");
export const RESULTS = join(REPO_ROOT, "bench", "results.json");

export const TABLE_START = "<!-- bench table: written by `npm run bench` from bench/results.json; do not edit -->";
export const TABLE_END = "<!-- end of bench table -->";

type CallsRow = Pick<CallsPerAccount, "operation" | "calls" | "minimum">;
type AuditPoint = AuditScalePoint;
type PreviewPoint = Pick<PreviewScale, "accounts" | "parallelDiff" | "previewMs" | "calls">;

/** One point of the scale benchmark (RootSessions across organizations). */
export interface ScalePoint {
  resources: number;
  upMs: number;
  previewMs: number;
  upCalls: number;
  previewCalls: number;
  peakConcurrentCalls: number;
}

/** The parts of bench/results.json the goals and the table read. */
export interface BenchResults {
  machine: { cpus: number; node: string };
  callsPerOperation: Record<string, unknown>;
  engineOverhead: {
    previewMs: { ours: number; noop: number };
    upMs: { ours: number; noop: number };
    previewRatio: number;
    upRatio: number;
  };
  stateSize: Record<string, { providerBytes: number; exportBytes: number }>;
  scale: { latencyPerCallMs: number; points: ScalePoint[] };
  rootCredentials: {
    callsPerAccount: CallsRow[];
    auditCli: { latencyPerCallMs: number; concurrency?: number; points: AuditPoint[] };
    organizationPreview: { latencyPerCallMs: number; points: PreviewPoint[] };
  };
  nativeFace: {
    pluginStartMs: number;
    onePreview: { dynamicMs: number; nativeMs: number; ratio: number };
    scale: Array<{ resources: number; dynamicPreviewMs: number; nativePreviewMs: number; ratio: number }>;
  };
}

/** One goal: what was measured against what was asked, as a ratio (≤ 1 is met) or a count. */
export interface Goal {
  goal: string;
  measured: number;
  target: number;
  unit: string;
  /** measured ÷ target, to two decimals. */
  ratio: number;
  met: boolean;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function goal(name: string, measured: number, target: number, unit: string): Goal {
  return { goal: name, measured, target, unit, ratio: round2(measured / target), met: measured <= target };
}

/** The preview goals of 100 and 300 accounts at 50 ms per call (issue 24), in ms. */
export const PREVIEW_GOALS_MS: Record<number, number> = { 100: 3000, 300: 6000 };
/** The audit CLI's goal at its small end: wall time within 1.5× the floor, start-up counted. */
export const AUDIT_GOAL_RATIO = 1.5;

/** The feature resources' state sizes, without the no-op baseline's. */
const featureSizes = (r: BenchResults) =>
  Object.entries(r.stateSize)
    .filter(([k]) => k !== "Noop")
    .map(([, v]) => v);

function previewPoint(r: BenchResults, accounts: number): PreviewPoint | undefined {
  return r.rootCredentials.organizationPreview.points.find((p) => p.accounts === accounts && !p.parallelDiff);
}

/** Every goal the benchmark checks, from its results. */
export function goalsOf(r: BenchResults): Goal[] {
  const goals: Goal[] = [];
  for (const [accounts, ms] of Object.entries(PREVIEW_GOALS_MS)) {
    const p = previewPoint(r, Number(accounts));
    if (p)
      goals.push(
        goal(`pulumi preview of OrganizationRootCredentials, ${accounts} clean accounts, 50 ms per call`, p.previewMs, ms, "ms"),
      );
  }
  for (const row of r.rootCredentials.callsPerAccount) {
    goals.push(goal(`AWS calls: ${row.operation}`, row.calls, row.minimum, "calls"));
  }
  const small = r.rootCredentials.auditCli.points[0];
  if (small)
    goals.push(
      goal(`audit CLI, ${small.accounts} accounts, wall ÷ floor (start-up counted)`, small.ratioToFloor, AUDIT_GOAL_RATIO, "×"),
    );
  goals.push(goal("pulumi preview, one RootSessions: ours ÷ a no-op dynamic resource", r.engineOverhead.previewRatio, 1.1, "×"));
  const provider = Math.max(...featureSizes(r).map((v) => v.providerBytes));
  goals.push(goal("__provider in state, per resource", provider, 2048, "B"));
  goals.push(goal("pulumi preview, one RootSessions: native face ÷ dynamic face", r.nativeFace.onePreview.ratio, 1.1, "×"));
  return goals;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number): string => n.toLocaleString("en-US");
/** How the table says whether a goal is met. */
export const verdict = (g: Goal | undefined): string =>
  g ? `${g.met ? "met" : "**not met**"} (${g.unit === "×" ? `${g.measured}×` : `${g.ratio}× the goal`})` : "";

/** The feature resources' calls per engine operation, against the minimum. */
function featureCalls(r: BenchResults): string[] {
  const kinds = Object.entries(r.callsPerOperation).filter(([, v]) => Array.isArray(v)) as Array<[string, CallsRow[]]>;
  const operations = kinds[0]?.[1].map((row) => row.operation) ?? [];
  const above = kinds.flatMap(([kind, rows]) =>
    rows.filter((row) => row.calls > row.minimum).map((row) => `${kind} ${row.operation}`),
  );
  return [
    `AWS calls, ${kinds.map(([k]) => k).join(", ")}: ${operations.join(", ")}`,
    kinds.map(([k, rows]) => `${k} ${rows.map((row) => row.calls).join("/")}`).join("; "),
    above.length === 0 ? "the minimum for each engine request: met" : `**above the minimum**: ${above.join(", ")}`,
  ];
}

/** The README's benchmark table, every figure from the results. */
export function readmeTable(r: BenchResults): string {
  const goals = goalsOf(r);
  const find = (prefix: string): Goal | undefined => goals.find((g) => g.goal.startsWith(prefix));
  const rc = r.rootCredentials;
  const o = r.engineOverhead;
  const providerBytes = featureSizes(r).map((v) => v.providerBytes);
  const exportBytes = featureSizes(r).map((v) => v.exportBytes);
  const scale = r.scale.points;
  const audit = rc.auditCli.points;
  const preview = rc.organizationPreview.points.filter((p) => !p.parallelDiff);
  const parallel = rc.organizationPreview.points.find((p) => p.parallelDiff);
  const accountCalls = preview.length ? preview[preview.length - 1]! : undefined;
  const native = r.nativeFace;
  const refused = rc.callsPerAccount.find((c) => c.operation.startsWith("audit, every root session refused"));
  const rows: string[][] = [
    featureCalls(r),
    [
      "`pulumi preview` time vs a no-op dynamic resource",
      `${thousands(o.previewMs.ours)} ms vs ${thousands(o.previewMs.noop)} ms: ratio ${o.previewRatio}`,
      `≤ 1.10: ${verdict(find("pulumi preview, one RootSessions: ours"))}`,
    ],
    [
      "`pulumi up` time vs a no-op dynamic resource",
      `${thousands(o.upMs.ours)} ms vs ${thousands(o.upMs.noop)} ms: ratio ${o.upRatio}`,
      "",
    ],
    [
      "`__provider` per resource in state / whole stack export, one resource",
      `${Math.min(...providerBytes)}–${Math.max(...providerBytes)} B (one \`require\` of the installed package) / ` +
        `${(Math.min(...exportBytes) / 1000).toFixed(1)}–${(Math.max(...exportBytes) / 1000).toFixed(1)} KB`,
      `≤ 2 KiB: ${verdict(find("__provider"))}`,
    ],
    [
      `scale, ${scale.map((p) => p.resources).join(" → ")} \`RootSessions\` in as many organizations, ${r.scale.latencyPerCallMs} ms per call`,
      `up ${scale.map((p) => s(p.upMs)).join(" → ")}, preview ${scale.map((p) => s(p.previewMs)).join(" → ")}; ` +
        `up to ${Math.max(...scale.map((p) => p.peakConcurrentCalls))} calls in flight`,
      "linear, parallel",
    ],
    ...rc.callsPerAccount
      .filter((c) => c !== refused)
      .map((c) => [
        `AWS calls: ${c.operation}`,
        String(c.calls),
        `${c.minimum}: ${c.calls <= c.minimum ? "met" : `${c.calls - c.minimum} above, on purpose (results.json says why)`}`,
      ]),
    ...(refused
      ? [
          [
            `AWS calls: ${refused.operation}`,
            String(refused.calls),
            `≤ ${refused.minimum}: ${verdict(find("AWS calls: audit, every root session refused"))}`,
          ],
        ]
      : []),
    [
      `\`pulumi-aws-root-access audit\` of ${audit.map((p) => thousands(p.accounts)).join(" / ")} member accounts, ${rc.auditCli.latencyPerCallMs} ms per call`,
      `${audit.map((p) => s(p.wallMs)).join(" / ")}: ${audit.map((p) => `${p.ratioToFloor}×`).join(" / ")} the floor ` +
        `(${audit.map((p) => `${p.ratioAfterStartup}×`).join(" / ")} after the CLI's start-up of ${audit[0]?.startupMs ?? 0} ms); ` +
        `peak RSS ${audit.map((p) => p.peakRssMiB).join(" / ")} MiB`,
      `≤ ${AUDIT_GOAL_RATIO}× the floor at ${audit[0]?.accounts ?? 0}: ${verdict(find("audit CLI"))}`,
    ],
    [
      `\`pulumi preview\` of \`OrganizationRootCredentials\`, ${preview.map((p) => p.accounts).join(" / ")} clean accounts, ` +
        `${rc.organizationPreview.latencyPerCallMs} ms per call, default engine settings`,
      `${preview.map((p) => s(p.previewMs)).join(" / ")}` +
        (accountCalls
          ? `; ${round2(accountCalls.calls / accountCalls.accounts)} calls per account (3 is the minimum, plus the listings)`
          : "") +
        (parallel ? `; with \`PULUMI_PARALLEL_DIFF=true\`, ${parallel.accounts} take ${s(parallel.previewMs)}` : ""),
      Object.keys(PREVIEW_GOALS_MS)
        .map(
          (n) =>
            `${n} ≤ ${s(PREVIEW_GOALS_MS[Number(n)]!)}: ${verdict(find(`pulumi preview of OrganizationRootCredentials, ${n} `))}`,
        )
        .join("; "),
    ],
    ["native provider plugin start-up (to the port it prints for the engine)", `${thousands(native.pluginStartMs)} ms`, ""],
    [
      "`pulumi preview` of one `RootSessions`: native face (YAML program) vs dynamic face (JavaScript program), no latency",
      `${thousands(native.onePreview.nativeMs)} ms vs ${thousands(native.onePreview.dynamicMs)} ms: ${native.onePreview.ratio}×`,
      `≤ 1.10×: ${verdict(find("pulumi preview, one RootSessions: native"))}`,
    ],
    [
      `\`pulumi preview\` of ${native.scale.map((p) => p.resources).join(" / ")} \`RootSessions\`, 50 ms per call: native vs dynamic`,
      `${native.scale.map((p) => s(p.nativePreviewMs)).join(" / ")} vs ${native.scale.map((p) => s(p.dynamicPreviewMs)).join(" / ")}: ` +
        native.scale.map((p) => `${p.ratio}×`).join(" / "),
      "",
    ],
  ];
  const cell = (text: string): string => text.replace(/\|/g, "\\|");
  return [
    `Measured on ${r.machine.cpus} cores, Node ${r.machine.node} (programs on Node 24); compare ratios, not milliseconds.`,
    "",
    "| measure | result | goal |",
    "| --- | --- | --- |",
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

/** The README with its benchmark table replaced; fails when the markers are missing, so nothing is written half. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no benchmark table markers (${TABLE_START} … ${TABLE_END})`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

export function writeReadmeTable(results: BenchResults): void {
  writeFileSync(README, withTable(readFileSync(README, "utf8"), readmeTable(results)));
}

if (require.main === module) {
  writeReadmeTable(JSON.parse(readFileSync(RESULTS, "utf8")) as BenchResults);
  console.log("README.md: benchmark table rewritten from bench/results.json");
}
