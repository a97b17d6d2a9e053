/**
 * The native provider installed the way a user without npm installs a plugin: the archive `npm run package:plugin`
 * makes, through `pulumi plugin install resource aws-root-access <version> --file <archive>`, then a YAML program.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, run, scratchDir } from "../../harness/engine";
import { packagePlugin } from "../../scripts/package-plugin";
import { KEYS, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("the native provider installed from its plugin archive, through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
    const archive = packagePlugin(scratchDir("plugin-archive"));
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    const env = offlineEngineEnv(scratchDir("plugin-install"), { emulatorUrl: fx.emulator.url, credentials });
    project = await PulumiProject.create({
      env,
      yaml: `resources:
  sessions:
    type: aws-root-access:index:RootSessions
`,
    });
    const install = await run(
      "pulumi",
      ["plugin", "install", "resource", "aws-root-access", VERSION, "--file", archive],
      project.dir,
      env,
    );
    expect(install.code, install.output).to.equal(0);
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("runs a YAML program with the installed plugin, not one on PATH", async () => {
    const up = await project.up();
    expect(up.output).to.not.contain("from $PATH");
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
    const plugins = await run("pulumi", ["plugin", "ls"], project.dir, project.env);
    expect(plugins.stdout).to.match(new RegExp(`aws-root-access\\s+resource\\s+${VERSION.replace(/\./g, "\\.")}`));
    await project.destroy();
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
  });
});
