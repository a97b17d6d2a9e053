/**
 * Makes the stack exports of a released version, for tests/e2e/released-stacks.e2e.spec.ts: run once per release,
 * from this repository, against a built checkout of that release.
 *
 *   git worktree add /tmp/release <tag or commit> && (cd /tmp/release && npm ci && npm run build)
 *   npx tsx tests/released/make.ts /tmp/release
 *
 * Writes tests/released/stack-<version>-<shape>.json (one stack per shape of program.js) and the emulator's state
 * after both ups, emulator-<version>.json, which the test seeds its emulator with.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { installedProjectDir } from "../../harness/installed";
import { KEYS, rootCredentialsSeed, startEmulator } from "../fixtures";

export const SHAPES = ["per-feature", "components"] as const;
export const RELEASED_PROJECT = "released";

/** A stack of program.js in `dir` (where the package is installed), of the given shape. */
export async function releasedProject(
  dir: string,
  env: NodeJS.ProcessEnv,
  shape: (typeof SHAPES)[number],
): Promise<PulumiProject> {
  const project = await PulumiProject.create({
    dir,
    program: join(dir, "index.js"),
    env,
    name: RELEASED_PROJECT,
    stack: shape,
    typescript: false,
  });
  project.setConfig("shape", shape);
  return project;
}

async function main(release: string): Promise<void> {
  const version = (JSON.parse(readFileSync(join(release, "package.json"), "utf8")) as { version: string }).version;
  const program = readFileSync(join(__dirname, "program.js"), "utf8");
  const fx = await startEmulator({ seed: rootCredentialsSeed() });
  try {
    const dir = await installedProjectDir({ "index.js": program }, undefined, release);
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    const env = offlineEngineEnv(scratchDir("released-engine"), { emulatorUrl: fx.emulator.url, credentials });
    for (const shape of SHAPES) {
      const project = await releasedProject(dir, env, shape);
      await project.up();
      writeFileSync(join(__dirname, `stack-${version}-${shape}.json`), await project.exportStack());
    }
    writeFileSync(join(__dirname, `emulator-${version}.json`), JSON.stringify(fx.emulator.state(), null, 2) + "\n");
  } finally {
    await fx.close();
  }
}

if (require.main === module) {
  main(process.argv[2] ?? "").catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
