import { expect } from "chai";
import { spawn } from "node:child_process";
import { ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { PulumiProject, killEngineProcesses, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { RELIABILITY, operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const BOTH = ["RootCredentialsManagement", "RootSessions"];

/** Starts `pulumi up` and SIGKILLs it (and everything it started) while the given AWS call is in flight. */
async function crashDuring(
  project: PulumiProject,
  fx: EmulatorFixture,
  slowOperation: string,
  afterOperation: string,
): Promise<void> {
  fx.emulator.setFaults({ rules: [{ kind: "latency", count: 1, ms: 5000, operations: [slowOperation] }] });
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", project.stack], {
    cwd: project.dir,
    env: project.env,
    detached: true,
    stdio: "ignore",
  });
  const deadline = Date.now() + 120_000;
  while (!fx.emulator.calls().some((c) => c.operation === afterOperation)) {
    if (Date.now() > deadline) throw new Error(`pulumi up never reached ${afterOperation}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000)); // the slow call is now in flight
  process.kill(-child.pid!, "SIGKILL");
  killEngineProcesses(project.env); // the provider host runs in a process group of its own
  await new Promise((r) => setTimeout(r, 6000)); // whatever AWS was doing finishes without a client
}

describe("crash and resume: pulumi up killed with SIGKILL in the middle of an AWS call", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;
  const live = async () => (await fx.iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures;

  beforeEach(async () => {
    fx = await startEmulator();
    project = await PulumiProject.create({
      env: offlineEngineEnv(scratchDir("e2e-crash"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials }),
    });
  });
  afterEach(async () => {
    project.remove();
    await fx.close();
  });

  /** The documented recovery: release the dead run's lock, then up again. */
  async function resume(): Promise<void> {
    await project.pulumi(["cancel", "--yes"]);
    fx.emulator.clearCalls();
    const up = await project.up();
    expect(up.stdout).to.include("pending operations from previous deployment");
  }

  async function expectConverged(declared: string[]): Promise<void> {
    expect(await live()).to.deep.equal(declared);
    const [resource] = await project.resources(":OrganizationsFeatures");
    expect(resource!.outputs.enabledFeatures).to.deep.equal(declared);
    expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
  }

  it(`converges after a crash during ${RELIABILITY.crashPoints[0]}, adopting what the dead run enabled without enabling it again`, async () => {
    await crashDuring(project, fx, "EnableOrganizationsRootSessions", "EnableOrganizationsRootCredentialsManagement");
    await resume();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    await expectConverged(BOTH);
  });

  it(`converges after a crash during ${RELIABILITY.crashPoints[1]}, finishing only what is left`, async () => {
    project.setConfig("enabledFeatures", '["RootSessions"]');
    await project.up();
    project.setConfig("enabledFeatures", '["RootCredentialsManagement"]');
    await crashDuring(project, fx, "DisableOrganizationsRootSessions", "EnableOrganizationsRootCredentialsManagement");
    await resume();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.not.include("EnableOrganizationsRootCredentialsManagement");
    await expectConverged(["RootCredentialsManagement"]);
  });
});
