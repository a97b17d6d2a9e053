import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, run, scratchDir } from "../../scripts/harness/engine";
import { ORG_ID, operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const PROGRAM = `"use strict";
const { OrganizationsFeatures } = require("pulumi-aws-root-access");
const rootAccess = new OrganizationsFeatures("root-access", { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] });
exports.enabledFeatures = rootAccess.enabledFeatures;
`;

describe("the package installed from its tarball into a project outside the repository", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    fx = await startEmulator();
    const dir = scratchDir("installed");
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: REPO_ROOT, encoding: "utf8" })
      .trim()
      .split("\n")
      .pop()!;
    const pulumiVersion = (
      JSON.parse(readFileSync(join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string }
    ).version;
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "installed-check",
        private: true,
        main: "index.js",
        dependencies: { "pulumi-aws-root-access": `file:./${tarball}`, "@pulumi/pulumi": pulumiVersion },
      }),
    );
    writeFileSync(join(dir, "index.js"), PROGRAM);
    // Everything comes from the npm cache the repository's own install filled; the registry is the fallback.
    const install = await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
      dir,
      process.env,
      5 * 60_000,
    );
    expect(install.code, install.output).to.equal(0);
    const env = offlineEngineEnv(scratchDir("installed-engine"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    project = await PulumiProject.create({ dir, program: join(dir, "index.js"), env, typescript: false });
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("creates with pulumi up", async () => {
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([
      "EnableOrganizationsRootCredentialsManagement",
      "EnableOrganizationsRootSessions",
    ]);
  });

  it("captures the provider as a require of the installed package, small and free of credentials", async () => {
    const [resource] = await project.resources(":OrganizationsFeatures");
    const provider = String(resource!.inputs.__provider);
    expect(provider, provider).to.match(/require\("pulumi-aws-root-access\/dist\/providers\/OrganizationsFeatures\.js"\)/);
    expect(Buffer.byteLength(provider)).to.be.below(512);
    const exported = await project.exportStack();
    expect(exported).to.not.include(fx.credentials.accessKeyId);
    expect(exported).to.not.include(fx.credentials.secretAccessKey);
  });

  it("shows a console change as drift in a plain preview", async () => {
    await fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
    const preview = await project.preview();
    expect(preview.stdout).to.match(/~ 1 to update/);
    expect(preview.stdout).to.include(`OrganizationsFeatures drift in organization ${ORG_ID}`);
  });

  it("destroys cleanly", async () => {
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootCredentialsManagement"]);
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
  });
});
