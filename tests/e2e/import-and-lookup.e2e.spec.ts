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

  it("refuses the import option on MemberRootCredentials with a clear error, before any AWS call", async () => {
    declare(project, [{ kind: "MemberRootCredentials", name: "member", args: { accountId: MEMBER }, opts: { import: MEMBER } }]);
    const preview = await project.preview([], true);
    expect(preview.code).to.not.equal(0);
    expect(flat(preview.output)).to.include(
      'InvalidArgumentsError: Invalid arguments for MemberRootCredentials "member", so nothing was called in AWS: the `import` option is not supported',
    );
    expect(flat(preview.output), "no stack trace").to.not.match(/requireFromString|^\s+at /m);
    expect(fx.emulator.calls()).to.deep.equal([]);
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
