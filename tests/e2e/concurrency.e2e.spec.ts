import { expect } from "chai";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { multiOrgWorld } from "../../harness/worlds";
import { RELIABILITY, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { peakConcurrency } from "../../harness/concurrency";

const PROGRAM = join(REPO_ROOT, "tests", "programs", "raw-args.ts");
const ORGS = RELIABILITY.concurrentOrganizations;

describe(`one program, ${ORGS * 2} resources across ${ORGS} organizations, in parallel`, function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;
  let organizationIds: string[];

  before(async () => {
    const stateDir = scratchDir("e2e-concurrency");
    const world = multiOrgWorld(ORGS, stateDir);
    organizationIds = world.organizationIds;
    fx = await startEmulator({ seed: world.seed });
    // Latency on every call, so calls that run one after another could not hide as parallel.
    fx.emulator.setFaults({ rules: [{ kind: "latency", count: 1000, ms: 300 }] });
    project = await PulumiProject.create({
      program: PROGRAM,
      env: offlineEngineEnv(stateDir, {
        emulatorUrl: fx.emulator.url,
        extra: { AWS_SHARED_CREDENTIALS_FILE: world.credentialsFile },
      }),
    });
    const resources = organizationIds.flatMap((_, i) => [
      { kind: "RootSessions", name: `sessions-${i}`, args: { profile: `org${i}` } },
      { kind: "RootCredentialsManagement", name: `credentials-${i}`, args: { profile: `org${i}` } },
    ]);
    project.setConfig("resources", JSON.stringify(resources));
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("creates every feature in its own organization, with calls running in parallel", async () => {
    await project.up();
    for (const org of fx.emulator.state().organizations)
      expect(org.enabledRootFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    expect(peakConcurrency(fx.emulator.calls())).to.be.greaterThan(1);
    expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
  });

  it("destroys everything, again in parallel", async () => {
    fx.emulator.clearCalls();
    await project.destroy();
    for (const org of fx.emulator.state().organizations) expect(org.enabledRootFeatures).to.deep.equal([]);
    expect(peakConcurrency(fx.emulator.calls())).to.be.greaterThan(1);
    expect(organizationIds).to.have.length(ORGS);
  });
});
