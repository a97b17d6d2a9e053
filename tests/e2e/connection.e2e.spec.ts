import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { KEYS, MANAGEMENT, MEMBER, ORG_ID, operations, rootCredentialsSeed, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

describe("connection settings and partial failure through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;
  const secret = "profile-secret-value-that-must-not-leak";

  beforeEach(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
    const stateDir = scratchDir("e2e-connection");
    // The environment carries member-account keys, so only a honoured profile or role reaches the management account.
    const env = offlineEngineEnv(stateDir, {
      emulatorUrl: fx.emulator.url,
      credentials: { accessKeyId: KEYS.member, secretAccessKey: fx.credentials.secretAccessKey },
    });
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      `[management]\naws_access_key_id = ${KEYS.management}\naws_secret_access_key = ${secret}\n`,
    );
    writeFileSync(env.AWS_CONFIG_FILE!, "[profile management]\nregion = us-east-1\n");
    project = await PulumiProject.create({ env });
  });
  afterEach(async () => {
    project.remove();
    await fx.close();
  });

  it("fails with the member account's error when nothing selects other credentials", async () => {
    const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).to.not.equal(0);
    expect(up.stdout).to.include("these credentials belong to a member account");
  });

  it("honours the stack's aws:profile through the provider's configure", async () => {
    project.setConfig("aws:profile", "management");
    await project.up();
    expect(
      fx.emulator
        .calls()
        .filter((c) => c.operation.startsWith("Enable"))
        .map((c) => c.accountId),
    ).to.deep.equal([MANAGEMENT, MANAGEMENT]);
    const exported = await project.exportStack();
    expect(exported).to.not.include(secret);
    expect(exported).to.not.include(KEYS.management);
  });

  it("assumes roleArn with the environment's credentials and acts as the role's account", async () => {
    const program = join(project.dir, "role.ts");
    writeFileSync(
      program,
      `import { RootSessions } from "pulumi-aws-root-access";\n` +
        `export const features = new RootSessions("sessions", { roleArn: "arn:aws:iam::${MANAGEMENT}:role/OrganizationAdmin" }).enabledFeatures;\n`,
    );
    const roleProject = await PulumiProject.create({ dir: project.dir, program, env: project.env, stack: "role" });
    await roleProject.up();
    const calls = fx.emulator.calls();
    expect(calls.find((c) => c.operation === "AssumeRole")!.accountId).to.equal(MEMBER);
    expect(calls.find((c) => c.operation === "EnableOrganizationsRootSessions")!.accountId).to.equal(MANAGEMENT);
    await roleProject.destroy();
  });

  it("says which feature succeeded when the next one fails, and the following up converges", async () => {
    project.setConfig("aws:profile", "management");
    // More 500s than the SDK's bounded retries absorb, on the second feature only.
    fx.emulator.setFaults({ rules: [{ kind: "serverError", count: 20, operations: ["EnableOrganizationsRootSessions"] }] });
    const failed = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(failed.code).to.not.equal(0);
    expect(failed.stdout.replace(/\s+/g, " "), failed.stdout).to.include(
      `Partly applied to organization ${ORG_ID}: enable RootCredentialsManagement succeeded, then enable RootSessions failed`,
    );
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal(["RootCredentialsManagement"]);
    fx.emulator.setFaults({ rules: [] });
    fx.emulator.clearCalls();
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
    expect((await project.preview(["--expect-no-changes"])).code).to.equal(0);
  });
});

describe("root sessions through a profile whose region is in another partition, through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    fx = await startEmulator({ seed: rootCredentialsSeed() });
    const env = offlineEngineEnv(scratchDir("e2e-connection-partition"), {
      emulatorUrl: fx.emulator.url,
      credentials: { accessKeyId: KEYS.member, secretAccessKey: fx.credentials.secretAccessKey },
    });
    // Nothing but the profile names a region: no AWS_REGION, no stack config.
    delete env.AWS_REGION;
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      `[china]\naws_access_key_id = ${KEYS.management}\naws_secret_access_key = x\n`,
    );
    writeFileSync(env.AWS_CONFIG_FILE!, "[profile china]\nregion = cn-north-1\n");
    const dir = scratchDir("e2e-connection-partition-project");
    const program = join(dir, "china.ts");
    writeFileSync(
      program,
      `import { MemberRootCredentials } from "pulumi-aws-root-access";\n` +
        `export const present = new MemberRootCredentials("member", { accountId: "${MEMBER}", profile: "china" }).id;\n`,
    );
    project = await PulumiProject.create({ dir, program, env });
  });
  after(async () => {
    project.remove();
    await fx.close();
  });

  it("signs the IAM calls made in the root session for the profile's region, as it signs AssumeRoot", async () => {
    await project.up();
    const calls = fx.emulator.calls();
    const assumeRoot = calls.filter((c) => c.operation === "AssumeRoot");
    const inSession = calls.filter((c) => c.service === "iam" && c.taskPolicy !== undefined);
    expect(assumeRoot.length, "root sessions were opened").to.be.greaterThan(0);
    expect(inSession.length, "IAM was called in them").to.be.greaterThan(0);
    expect([...new Set([...assumeRoot, ...inSession].map((c) => c.region))]).to.deep.equal(["cn-north-1"]);
  });
});
