/**
 * The native face against the dynamic one, side by side in one run: the plugin's start-up, a preview of one
 * resource (the same RootSessions, no injected latency), and previews of 1 / 10 / 50 resources in as many
 * organizations at 50 ms per AWS call. The native face runs a YAML program with the plugin that the installed
 * package's npm bin provides.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { start } from "../emulator";
import { PulumiProject, offlineEngineEnv, randomCredentials, scratchDir } from "../harness/engine";
import { multiOrgWorld } from "../harness/worlds";
import { median, timed } from "./timing";

export const NATIVE_REPS = 7;
export const NATIVE_SCALE_SIZES = [1, 10, 50];
const LATENCY_MS = 50;

/** Milliseconds from starting the plugin to the port it prints for the engine (what every CLI run pays once). */
function pluginStartMs(entry: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [entry, "127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.once("data", () => {
      resolve(Math.round(performance.now() - t0));
      child.kill();
    });
    child.once("error", reject);
  });
}

function yamlOf(n: number, perOrg: boolean): string {
  let out = "resources:\n";
  for (let i = 0; i < n; i += 1) {
    out += `  r${i}:\n    type: aws-root-access:index:RootSessions\n`;
    if (perOrg) out += `    properties:\n      profile: org${i}\n`;
  }
  return out;
}

export interface NativeBench {
  pluginStartMs: number;
  onePreview: { dynamicMs: number; nativeMs: number; ratio: number };
  scale: Array<{ resources: number; dynamicPreviewMs: number; nativePreviewMs: number; ratio: number }>;
}

/**
 * @param dir the project where the package is installed from its tarball (its `node_modules/.bin` has the plugin)
 * @param log progress lines
 */
export async function nativeVsDynamic(dir: string, log: (s: string) => void): Promise<NativeBench> {
  const bin = join(dir, "node_modules", ".bin");
  const entry = join(dir, "node_modules", "pulumi-aws-root-access", "dist", "native", "main.js");
  const starts: number[] = [];
  for (let i = 0; i < NATIVE_REPS; i += 1) starts.push(await pluginStartMs(entry));
  log(`  plugin start-up: ${median(starts)} ms (median of ${NATIVE_REPS})`);

  // One resource, no latency: the faces' own cost, interleaved so machine noise hits both alike.
  const one = await start({});
  try {
    const credentials = randomCredentials();
    const env = offlineEngineEnv(scratchDir("bench-native"), { emulatorUrl: one.url, credentials });
    const dynamic = await PulumiProject.create({
      dir,
      program: join(dir, "index.js"),
      env,
      typescript: false,
      stack: "face-dynamic",
    });
    dynamic.setConfig("kind", "RootSessions");
    await dynamic.up();
    const yamlDir = join(dir, "yaml-one");
    mkdirSync(yamlDir, { recursive: true });
    const native = await PulumiProject.create({
      dir: yamlDir,
      env: { ...env, PATH: `${bin}:${env.PATH ?? ""}` },
      stack: "face-native",
      yaml: yamlOf(1, false),
    });
    await native.up();
    const d: number[] = [];
    const n: number[] = [];
    for (let i = 0; i < NATIVE_REPS; i += 1) {
      d.push(await timed(() => dynamic.preview()));
      n.push(await timed(() => native.preview()));
    }
    await native.destroy();
    await dynamic.destroy();
    const onePreview = { dynamicMs: median(d), nativeMs: median(n), ratio: Number((median(n) / median(d)).toFixed(2)) };
    log(`  one resource: dynamic ${onePreview.dynamicMs} ms, native ${onePreview.nativeMs} ms (${onePreview.ratio}×)`);

    // Many resources in as many organizations, 50 ms per call.
    const max = Math.max(...NATIVE_SCALE_SIZES);
    const world = multiOrgWorld(max, scratchDir("bench-native-scale"));
    const many = await start({ seed: world.seed });
    try {
      many.setFaults({ rules: [{ kind: "latency", count: 10_000, ms: LATENCY_MS }] });
      const scaleEnv = offlineEngineEnv(scratchDir("bench-native-scale-engine"), {
        emulatorUrl: many.url,
        credentials,
        extra: { AWS_SHARED_CREDENTIALS_FILE: world.credentialsFile },
      });
      const scale: NativeBench["scale"] = [];
      for (const size of NATIVE_SCALE_SIZES) {
        const dyn = await PulumiProject.create({
          dir,
          program: join(dir, "index.js"),
          env: scaleEnv,
          typescript: false,
          stack: `face-dynamic-${size}`,
        });
        dyn.setConfig("kind", "RootSessions");
        dyn.setConfig("count", String(size));
        dyn.setConfig("perOrgProfiles", "true");
        await dyn.up();
        const yamlDir2 = join(dir, `yaml-${size}`);
        mkdirSync(yamlDir2, { recursive: true });
        const nat = await PulumiProject.create({
          dir: yamlDir2,
          env: { ...scaleEnv, PATH: `${bin}:${scaleEnv.PATH ?? ""}` },
          stack: `face-native-${size}`,
          yaml: yamlOf(size, true),
        });
        await nat.up();
        const dt: number[] = [];
        const nt: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          dt.push(await timed(() => dyn.preview()));
          nt.push(await timed(() => nat.preview()));
        }
        await nat.destroy();
        await dyn.destroy();
        const point = {
          resources: size,
          dynamicPreviewMs: median(dt),
          nativePreviewMs: median(nt),
          ratio: Number((median(nt) / median(dt)).toFixed(2)),
        };
        scale.push(point);
        log(
          `  ${size} resources at ${LATENCY_MS} ms per call: preview dynamic ${point.dynamicPreviewMs} ms, native ${point.nativePreviewMs} ms`,
        );
      }
      return { pluginStartMs: median(starts), onePreview, scale };
    } finally {
      await many.close();
    }
  } finally {
    await one.close();
  }
}
