import { expect } from "chai";
import { DisableOrganizationsRootSessionsCommand, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { ORG_ID, operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

describe("the example program through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    fx = await startEmulator();
    const env = offlineEngineEnv(scratchDir("e2e-lifecycle"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    project = await PulumiProject.create({ env });
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("creates both features with one List and one Enable per feature", async () => {
    fx.emulator.clearCalls();
    await project.up();
    expect(operations(fx.emulator)).to.deep.equal([
      "ListOrganizationsFeatures",
      "EnableOrganizationsRootCredentialsManagement",
      "EnableOrganizationsRootSessions",
    ]);
    expect(await project.outputs()).to.deep.equal({
      organizationId: ORG_ID,
      enabledFeatures: ["RootCredentialsManagement", "RootSessions"],
    });
  });

  it("runs the program against the package as installed: the provider is one require() of it in state", async () => {
    // What the harness promises every test program (harness/programs.ts), and what users' stacks record.
    const [resource] = await project.resources(":OrganizationsFeatures");
    const provider = String(resource!.inputs.__provider);
    expect(provider.slice(0, 400)).to.match(/require\("pulumi-aws-root-access\/dist\/providers\/OrganizationsFeatures\.js"\)/);
    expect(Buffer.byteLength(provider)).to.be.below(512);
  });

  it("still records a source position, though registration skips Pulumi's per-property stack traces", async () => {
    // Pulumi takes it a fixed number of frames up, which lands in this package's base class, not in the program
    // (so it did before that change too).
    const [resource] = await project.resources(":OrganizationsFeatures");
    expect(resource!.sourcePosition).to.match(/^project:\/\/\/.+\.js#\d+,\d+$/);
  });

  it("reports no changes on a second up and a plain preview", async () => {
    const up = await project.up();
    expect(up.stdout).to.match(/2 unchanged/);
    const preview = await project.preview(["--expect-no-changes"]);
    expect(preview.code).to.equal(0);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.have.length(2);
  });

  it("shows a feature switched off in the console as drift in a plain preview, naming it", async () => {
    await fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
    const preview = await project.preview();
    expect(preview.stdout).to.match(/~ 1 to update/);
    expect(preview.stdout).to.include(
      `OrganizationsFeatures drift in organization ${ORG_ID}: live features [RootCredentialsManagement], ` +
        "declared [RootCredentialsManagement, RootSessions]; `pulumi up` will enable RootSessions.",
    );
    const strict = await project.preview(["--expect-no-changes"], true);
    expect(strict.code).to.not.equal(0);
  });

  it("records the live state on refresh without changing AWS, and never speaks of an update it is not", async () => {
    const before = operations(fx.emulator, { mutatingOnly: true }).length;
    const refresh = await project.refresh();
    expect(refresh.output).to.not.include("the update will");
    const [resource] = await project.resources(":OrganizationsFeatures");
    expect(resource!.outputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement"]);
    expect(resource!.outputs.declaredFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.have.length(before);
  });

  it("restores the drifted feature on the next up, then previews clean", async () => {
    fx.emulator.clearCalls();
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
    const live = await fx.iam.send(new ListOrganizationsFeaturesCommand({}));
    expect(live.EnabledFeatures).to.have.members(["RootCredentialsManagement", "RootSessions"]);
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
  });

  it("keeps the access key and secret out of the stack export and the CLI output", async () => {
    const exported = await project.exportStack();
    const output = (await project.preview()).output + (await project.refresh()).output;
    for (const secret of [fx.credentials.accessKeyId, fx.credentials.secretAccessKey]) {
      expect(exported).to.not.include(secret);
      expect(output).to.not.include(secret);
    }
  });

  it("disables exactly the declared features on destroy", async () => {
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([
      "DisableOrganizationsRootCredentialsManagement",
      "DisableOrganizationsRootSessions",
    ]);
    const live = await fx.iam.send(new ListOrganizationsFeaturesCommand({}));
    expect(live.EnabledFeatures).to.deep.equal([]);
  });
});
