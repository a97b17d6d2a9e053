import { expect } from "chai";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { IAM_PRINCIPAL, KEYS, MEMBER, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const PROGRAM = join(REPO_ROOT, "examples", "bare-organization", "index.ts");

describe("examples/bare-organization: from trusted access off to centralized root access", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    const seed = scenarioSeed({ trustedServices: [] });
    (seed.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
    fx = await startEmulator({ seed, faults: { propagationDelayMs: 2500 } });
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    project = await PulumiProject.create({
      program: PROGRAM,
      env: offlineEngineEnv(scratchDir("e2e-bare"), { emulatorUrl: fx.emulator.url, credentials }),
    });
    project.setConfig("delegatedAdministratorAccountId", MEMBER);
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("enables trusted access, registers the delegated administrator, waits for IAM, then enables both features", async () => {
    const up = await project.up();
    expect(up.stdout).to.include(
      "IAM trusted access is enabled in AWS Organizations but IAM does not see it yet; waiting up to 120s",
    );
    const mutating = operations(fx.emulator, { mutatingOnly: true });
    expect(mutating).to.deep.equal([
      "EnableAWSServiceAccess",
      "RegisterDelegatedAdministrator",
      "EnableOrganizationsRootCredentialsManagement",
      "EnableOrganizationsRootSessions",
    ]);
    const org = fx.emulator.state().organizations[0]!;
    expect(Object.keys(org.trustedServices)).to.deep.equal([IAM_PRINCIPAL]);
    expect(org.delegatedAdministrators.map((d) => d.accountId)).to.deep.equal([MEMBER]);
    expect(await project.outputs()).to.deep.equal({
      organizationId: ORG_ID,
      enabledFeatures: ["RootCredentialsManagement", "RootSessions"],
    });
  });

  it("previews no change afterwards", async () => {
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
  });

  it("destroys the features and the registration but leaves trusted access on, saying so", async () => {
    fx.emulator.clearCalls();
    const destroy = await project.destroy();
    expect(destroy.stdout.replace(/\s+/g, " ")).to.include(
      `IamTrustedAccess: leaving trusted access for ${IAM_PRINCIPAL} enabled in organization ${ORG_ID}, because turning it off breaks centralized root access.`,
    );
    expect(operations(fx.emulator, { mutatingOnly: true })).to.have.members([
      "DisableOrganizationsRootCredentialsManagement",
      "DisableOrganizationsRootSessions",
      "DeregisterDelegatedAdministrator",
    ]);
    const org = fx.emulator.state().organizations[0]!;
    expect(IAM_PRINCIPAL in org.trustedServices).to.equal(true);
    expect(org.delegatedAdministrators).to.deep.equal([]);
  });
});
