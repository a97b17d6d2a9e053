/**
 * Stacks made by a released version keep working with this one: their `__provider` is a `require(...)` of the
 * installed package's `dist/providers/<Kind>.js`, so that path must still load, and a preview of the same program
 * must show no change. The exports were made by 0.1.0 with tests/released/make.ts.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { installedProjectDir } from "../../harness/installed";
import { KEYS, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { SHAPES, releasedProject } from "../released/make";

const RELEASED = join(REPO_ROOT, "tests", "released");
const VERSIONS = ["0.1.0"];

for (const version of VERSIONS) {
  describe(`stacks made by ${version}, with this version installed, through the real Pulumi CLI`, function () {
    this.timeout(10 * 60_000);
    let fx: EmulatorFixture;
    let dir: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      fx = await startEmulator();
      fx.emulator.setState(JSON.parse(readFileSync(join(RELEASED, `emulator-${version}.json`), "utf8")));
      dir = await installedProjectDir({ "index.js": readFileSync(join(RELEASED, "program.js"), "utf8") });
      const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
      env = offlineEngineEnv(scratchDir("released-engine"), { emulatorUrl: fx.emulator.url, credentials });
    });
    after(async () => {
      await fx?.close();
    });

    for (const shape of SHAPES) {
      it(`previews and refreshes the ${shape} stack with no change, and changes nothing in AWS`, async () => {
        const exported = join(RELEASED, `stack-${version}-${shape}.json`);
        const recorded = readFileSync(exported, "utf8");
        expect(recorded, "the export records providers as requires of the installed package").to.match(
          /require\(\\"pulumi-aws-root-access\/dist\/providers\/\w+\.js\\"\)/,
        );
        const project = await releasedProject(dir, env, shape);
        await project.pulumi(["stack", "import", "--file", exported]);
        fx.emulator.clearCalls();
        const preview = await project.preview(["--expect-no-changes"], true);
        expect(preview.code, preview.stdout + preview.stderr).to.equal(0);
        const refresh = await project.refresh(["--expect-no-changes"]).catch((e: Error) => e);
        expect(refresh instanceof Error ? refresh.message : "", "refresh").to.equal("");
        const mutating = fx.emulator.calls().filter((c) => !/^(List|Describe|Get|AssumeRoot)/.test(c.operation));
        expect(mutating.map((c) => c.operation)).to.deep.equal([]);
      });
    }
  });
}
