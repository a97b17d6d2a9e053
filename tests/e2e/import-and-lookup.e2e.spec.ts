import { expect } from "chai";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, KEYS, MEMBER, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { declare, flat, rawProject } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

describe("the import option and lookups of the prerequisite kinds", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  beforeEach(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
    project = await rawProject(fx, { key: KEYS.management });
  });
  afterEach(async () => {
    project.remove();
    await fx.close();
  });

  async function importsWithNoChange(kind: string, args: Record<string, unknown>): Promise<void> {
    declare(project, [{ kind, name: "imported", args, opts: { import: ORG_ID } }]);
    const up = await project.up();
    expect(flat(up.output), "no stack trace").to.not.match(/requireFromString|^\s+at /m);
    expect(flat(up.stdout)).to.include(`${kind}: imported organization ${ORG_ID} by adoption`);
    expect(operations(fx.emulator, { mutatingOnly: true }), "importing changes nothing").to.deep.equal([]);
    const [resource] = await project.resources(`:${kind}`);
    expect(resource?.id).to.equal(ORG_ID);
    expect((await project.preview(["--expect-no-changes"], true)).code, "a no-change preview after import").to.equal(0);
  }

  it("imports IamTrustedAccess that is on, with no mutating call and no change afterwards", async () => {
    await importsWithNoChange("IamTrustedAccess", {});
  });

  it("imports IamDelegatedAdministrator of the registered account, with no mutating call and no change afterwards", async () => {
    await importsWithNoChange("IamDelegatedAdministrator", { accountId: DELEGATED_ADMIN });
  });

  it("refuses to import IamTrustedAccess that is off, changing nothing", async () => {
    const state = fx.emulator.state();
    state.organizations[0]!.trustedServices = {};
    fx.emulator.setState(state);
    declare(project, [{ kind: "IamTrustedAccess", name: "imported", opts: { import: ORG_ID } }]);
    const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).to.not.equal(0);
    expect(flat(up.stdout)).to.include(
      `ImportMismatchError: Cannot import IamTrustedAccess from organization ${ORG_ID}: importing never changes AWS, ` +
        `but the live state differs from the declaration (it would need to enable trusted access for ${IAM_PRINCIPAL})`,
    );
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    expect(await project.resources(":IamTrustedAccess")).to.deep.equal([]);
  });

  it("refuses to import IamDelegatedAdministrator for an account that is not registered, changing nothing", async () => {
    declare(project, [
      { kind: "IamDelegatedAdministrator", name: "imported", args: { accountId: MEMBER }, opts: { import: ORG_ID } },
    ]);
    const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
    expect(up.code).to.not.equal(0);
    expect(flat(up.stdout)).to.include(`it would need to register account ${MEMBER}`);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
  });

  /** Centralized root access on, as member-account root credentials need. */
  function withRootFeatures(change: (state: ReturnType<EmulatorFixture["emulator"]["state"]>) => void = () => {}): void {
    const state = fx.emulator.state();
    state.organizations[0]!.enabledRootFeatures = ["RootCredentialsManagement", "RootSessions"];
    change(state);
    fx.emulator.setState(state);
  }

  it("imports MemberRootCredentials by its account ID when the root user is as declared, changing nothing", async () => {
    withRootFeatures();
    declare(project, [{ kind: "MemberRootCredentials", name: "member", args: { accountId: MEMBER }, opts: { import: MEMBER } }]);
    const up = await project.up();
    expect(flat(up.stdout)).to.include(`MemberRootCredentials: imported account ${MEMBER} by adoption`);
    expect(operations(fx.emulator).filter((op) => !/^(List|Get|Describe|AssumeRoot$)/.test(op))).to.deep.equal([]);
    const [resource] = await project.resources(":MemberRootCredentials");
    expect(resource?.id).to.equal(MEMBER);
    expect((await project.preview(["--expect-no-changes"], true)).code, "a no-change preview after import").to.equal(0);
  });

  it("refuses to import MemberRootCredentials whose root user still has a declared credential, in preview and up, deleting nothing", async () => {
    withRootFeatures((state) => {
      state.accounts.find((a) => a.id === MEMBER)!.rootUser = {
        password: false,
        accessKeys: ["AKIAROOTIMPORT000001"],
        signingCertificates: [],
        mfaDevices: [],
      };
    });
    declare(project, [{ kind: "MemberRootCredentials", name: "member", args: { accountId: MEMBER }, opts: { import: MEMBER } }]);
    for (const result of [
      await project.preview([], true),
      await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true }),
    ]) {
      expect(result.code).to.not.equal(0);
      expect(flat(result.stdout)).to.include(
        `ImportMismatchError: Cannot import MemberRootCredentials from account ${MEMBER}: importing never changes AWS, ` +
          "but the live state differs from the declaration (it would need to delete root access key AKIA…0001)",
      );
    }
    expect(fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys).to.deep.equal([
      "AKIAROOTIMPORT000001",
    ]);
  });

  it("IamDelegatedAdministrator.get(...) reads the registered account into accountId", async () => {
    declare(project, [
      { kind: "IamDelegatedAdministrator", name: "current", opts: { id: ORG_ID }, exports: ["accountId", "registered"] },
    ]);
    await project.up();
    const { outputs } = (await project.outputs()) as { outputs?: Record<string, unknown> };
    expect(outputs).to.deep.equal({ "current.accountId": DELEGATED_ADMIN, "current.registered": true });
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
  });
});
