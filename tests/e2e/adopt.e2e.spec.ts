import { expect } from "chai";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { ORG_ID, operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const BOTH = ["RootCredentialsManagement", "RootSessions"];

/** An emulator whose default organization already has the given features on, as if set up in the console. */
async function organizationWith(features: string[]): Promise<EmulatorFixture> {
  const fx = await startEmulator();
  const state = fx.emulator.state();
  state.organizations[0]!.enabledRootFeatures = features as never;
  fx.emulator.setState(state);
  return fx;
}

describe("bringing an organization's existing features under management", function () {
  this.timeout(10 * 60_000);
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function projectOn(fx: EmulatorFixture, config: Record<string, string> = {}): Promise<PulumiProject> {
    const env = offlineEngineEnv(scratchDir("e2e-adopt"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    const project = await PulumiProject.create({ env });
    cleanup.push(() => project.remove());
    for (const [k, v] of Object.entries(config)) project.setConfig(k, v);
    return project;
  }

  it("adopts features that are already on with no mutating AWS call, and a refresh right after shows no change", async () => {
    const fx = await organizationWith(BOTH);
    cleanup.push(() => fx.close());
    const project = await projectOn(fx);
    const up = await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    expect(up.stdout).to.include(
      `OrganizationsFeatures: adopted RootCredentialsManagement, RootSessions, already enabled in organization ${ORG_ID}`,
    );
    const refresh = await project.pulumi(["refresh", "--yes", "--expect-no-changes"]);
    expect(refresh.code).to.equal(0);
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
  });

  it("adopts with the import option when live state matches, never changing AWS", async () => {
    const fx = await organizationWith(BOTH);
    cleanup.push(() => fx.close());
    const project = await projectOn(fx, { importId: ORG_ID, style: "per-feature" });
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    const resources = await project.resources(":RootSessions");
    expect(resources.map((r) => r.id)).to.deep.equal([ORG_ID]);
    expect((await project.pulumi(["refresh", "--yes", "--expect-no-changes"])).code).to.equal(0);
  });

  it("refuses an import whose live state differs, leaving AWS and state untouched", async () => {
    const fx = await organizationWith(["RootSessions"]);
    cleanup.push(() => fx.close());
    const project = await projectOn(fx, { importId: ORG_ID });
    const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).to.not.equal(0);
    expect(up.stdout).to.include(
      `Cannot import OrganizationsFeatures from organization ${ORG_ID}: importing never changes AWS, but the live state differs ` +
        "from the declaration (it would need to enable RootCredentialsManagement).",
    );
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    expect(await project.resources(":OrganizationsFeatures")).to.deep.equal([]);
  });

  it("refuses an import of another organization than the credentials reach", async () => {
    const fx = await organizationWith(BOTH);
    cleanup.push(() => fx.close());
    const project = await projectOn(fx, { importId: "o-zzzzzzzzzz" });
    const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).to.not.equal(0);
    expect(up.stdout).to.include(
      `this resource belongs to organization o-zzzzzzzzzz (from its import option), but the credentials reach organization ${ORG_ID}`,
    );
  });
});
