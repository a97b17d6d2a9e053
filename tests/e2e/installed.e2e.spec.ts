import { expect } from "chai";
import { join } from "node:path";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../scripts/harness/engine";
import { installedProjectDir } from "../../scripts/harness/installed";
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
    const dir = await installedProjectDir({ "index.js": PROGRAM });
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
