import { expect } from "chai";
import { EnableOrganizationsRootCredentialsManagementCommand, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

describe("changing the declaration through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;
  const live = async () => (await fx.iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures;

  beforeEach(async () => {
    fx = await startEmulator();
    const env = offlineEngineEnv(scratchDir("e2e-updates"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    project = await PulumiProject.create({ env });
  });
  afterEach(async () => {
    project.remove();
    await fx.close();
  });

  it("updates OrganizationsFeatures in place both ways, one call per feature, never replacing", async () => {
    project.setConfig("enabledFeatures", '["RootSessions"]');
    await project.up();
    expect(await live()).to.deep.equal(["RootSessions"]);

    project.setConfig("enabledFeatures", '["RootSessions","RootCredentialsManagement"]');
    fx.emulator.clearCalls();
    const widen = await project.up();
    expect(widen.stdout)
      .to.match(/1 updated/)
      .and.not.match(/replace/);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootCredentialsManagement"]);

    project.setConfig("enabledFeatures", '["RootCredentialsManagement"]');
    fx.emulator.clearCalls();
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootSessions"]);
    expect(await live()).to.deep.equal(["RootCredentialsManagement"]);
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
  });

  it("destroys exactly what was declared, leaving a feature it never declared", async () => {
    project.setConfig("enabledFeatures", '["RootSessions"]');
    await project.up();
    await fx.iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootSessions"]);
    expect(await live()).to.deep.equal(["RootCredentialsManagement"]);
  });

  it("manages each feature with its own resource in the per-feature style", async () => {
    project.setConfig("style", "per-feature");
    await project.up();
    expect(await live()).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.have.members([
      "DisableOrganizationsRootSessions",
      "DisableOrganizationsRootCredentialsManagement",
    ]);
    expect(await live()).to.deep.equal([]);
  });
});
