import { expect } from "chai";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, workDir, offlineEngineEnv, scratchDir } from "../../harness/engine";
import type { RunResult } from "../../harness/engine";
import { rmSync } from "node:fs";
import { startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { BAD_INPUTS } from "../badInputs";

const PROGRAM = join(REPO_ROOT, "tests", "programs", "raw-args.ts");
const CONCURRENCY = 2;

describe(`${BAD_INPUTS.length} wrong declarations through the real engine`, function () {
  this.timeout(15 * 60_000);
  let fx: EmulatorFixture;
  let dir: string;
  const results: RunResult[] = [];

  before(async () => {
    fx = await startEmulator();
    dir = workDir("bad-input");
    const env = offlineEngineEnv(scratchDir("e2e-bad-input"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    // The engine stops at the first failed check, so each case gets its own preview; a small pool runs them side by
    // side. A preview leaves the stack as it was, so each worker re-declares one stack of its own for every case.
    let next = 0;
    const worker = async (w: number): Promise<void> => {
      const project = await PulumiProject.create({ dir, program: PROGRAM, env, stack: `worker-${w}` });
      while (next < BAD_INPUTS.length) {
        const i = next++;
        project.setConfig(
          "resources",
          JSON.stringify([{ kind: BAD_INPUTS[i]!.kind, name: "subject", args: BAD_INPUTS[i]!.inputs }]),
        );
        results[i] = await project.preview([], true);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fx?.close();
  });

  BAD_INPUTS.forEach((c, i) => {
    it(`stops ${c.title} in preview, naming ${c.property}`, () => {
      const result = results[i]!;
      expect(result.code, result.output).to.not.equal(0);
      expect(result.stdout).to.include(`property ${c.property} value`);
      expect(result.stdout).to.match(c.reason);
    });
  });

  it("made no AWS call for any of them", () => {
    expect(fx.emulator.calls()).to.deep.equal([]);
  });
});
