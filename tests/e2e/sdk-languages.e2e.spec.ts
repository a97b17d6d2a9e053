/**
 * The generated Python and Go SDKs (sdk/), each running its test program against the emulator through the real
 * Pulumi CLI and the native plugin: Python by the Python language host, as `pulumi up` runs it; Go inline, through
 * the Automation API. Each language runs the same scenarios, with the same expectations, as the YAML programs of
 * native-yaml.e2e.spec.ts: drift shows property by property, a bad input fails once before any AWS call, and no
 * credential reaches state or output.
 */
import { expect } from "chai";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, run, scratchDir } from "../../harness/engine";
import type { RunResult } from "../../harness/engine";
import { SDK_LANGUAGES, pythonProject, sdkProject } from "../../harness/languages";
import type { SdkLanguage } from "../../harness/languages";
import {
  DELEGATED_ADMIN,
  MEMBER,
  MEMBER_2,
  ORGANIZATION_ADMIN_ROLE,
  ORG_ID,
  operations,
  rootCredentialsSeed,
  scenarioSeed,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { flat } from "../rawProject";
import { join } from "node:path";

const TITLES: Record<SdkLanguage, string> = {
  python: "the Python SDK, run by the Python language host through pulumi up",
  go: "the Go SDK, run inline through the Automation API",
};

/**
 * One scenario's emulator and project, and every output its commands printed, so that the last test can search
 * them all for credentials.
 */
class Scenario {
  readonly printed: string[] = [];
  private constructor(
    readonly fx: EmulatorFixture,
    readonly project: PulumiProject,
  ) {}

  static async start(language: SdkLanguage, name: string, seed: Record<string, unknown>): Promise<Scenario> {
    const fx = await startEmulator({ seed });
    const env = offlineEngineEnv(scratchDir(`sdk-${language}`), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    return new Scenario(fx, await sdkProject(language, env, name));
  }

  private async record(result: Promise<RunResult>): Promise<RunResult> {
    const r = await result;
    this.printed.push(r.output);
    return r;
  }

  up = (): Promise<RunResult> => this.record(this.project.up());
  preview = (extra: string[] = [], allowFailure = false): Promise<RunResult> =>
    this.record(this.project.preview(extra, allowFailure));
  destroy = (): Promise<RunResult> => this.record(this.project.destroy());
  refresh = (): Promise<RunResult> => this.record(this.project.refresh());

  /** The preview after a converged up: the engine's own check that nothing would change. */
  async expectNoChanges(): Promise<void> {
    const preview = await this.preview(["--expect-no-changes"], true);
    expect(preview.code, preview.output).to.equal(0);
  }

  /** No key the engine used, and no root-session key the emulator minted, in the stack export or any output. */
  async expectNoCredentials(marker: string): Promise<void> {
    const exported = await this.project.exportStack();
    expect(exported, "the export holds the resources").to.contain(marker);
    const secrets = [
      this.fx.credentials.accessKeyId,
      this.fx.credentials.secretAccessKey,
      ...this.fx.emulator.mintedCredentials(),
    ];
    for (const secret of secrets) {
      expect(exported.includes(secret), "stack export").to.equal(false);
      for (const out of this.printed) expect(out.includes(secret), "CLI output").to.equal(false);
    }
  }

  async close(): Promise<void> {
    this.project.remove();
    await this.fx.close();
  }
}

for (const language of SDK_LANGUAGES)
  describe(TITLES[language], function () {
    this.timeout(10 * 60_000);

    describe("OrganizationsFeatures: create, drift, heal, destroy", () => {
      let s: Scenario;
      before(async () => {
        s = await Scenario.start(language, "features", scenarioSeed());
      });
      after(() => s?.close());

      it("previews the create as its plan and changes nothing", async () => {
        const preview = await s.preview();
        expect(flat(preview.stdout)).to.contain(
          `aws-root-access:index:OrganizationsFeatures (features): OrganizationsFeatures: the create will enable RootCredentialsManagement, enable RootSessions in organization ${ORG_ID}.`,
        );
        expect(operations(s.fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
      });

      it("creates with up and outputs the live features", async () => {
        await s.up();
        expect(s.fx.emulator.state().organizations[0]!.enabledRootFeatures.sort()).to.deep.equal([
          "RootCredentialsManagement",
          "RootSessions",
        ]);
        expect((await s.project.outputs()).enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
      });

      it("shows a feature turned off outside the program as a property-level change, changing nothing", async () => {
        await s.fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
        s.fx.emulator.clearCalls();
        expect(flat((await s.preview(["--diff"])).stdout)).to.contain('~ enabledFeatures: [ + [1]: "RootSessions" ]');
        const plain = flat((await s.preview()).stdout);
        expect(plain).to.contain("[diff: ~enabledFeatures]");
        expect(plain).to.contain(`OrganizationsFeatures drift in organization ${ORG_ID}`);
        expect(operations(s.fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
      });

      it("heals with up, enabling only what is off, and then previews no change", async () => {
        s.fx.emulator.clearCalls();
        await s.up();
        expect(operations(s.fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
        await s.expectNoChanges();
      });

      it("leaves no credential in the stack export or any output", () =>
        s.expectNoCredentials("aws-root-access:index:OrganizationsFeatures"));

      it("disables the features on destroy", async () => {
        await s.destroy();
        expect(s.fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
      });
    });

    describe("MemberRootCredentials", () => {
      let s: Scenario;
      before(async () => {
        s = await Scenario.start(language, "member", rootCredentialsSeed());
        s.project.setConfig("accountId", MEMBER);
      });
      after(() => s?.close());

      it("removes the seeded root access key with up, through a root session", async () => {
        expect(s.fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys).to.not.deep.equal([]);
        await s.up();
        expect(s.fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys).to.deep.equal([]);
        expect(operations(s.fx.emulator)).to.include("AssumeRoot");
        await s.expectNoChanges();
      });

      it("shows a root access key that reappears as a change of accessKeys in the next preview, masked", async () => {
        const state = s.fx.emulator.state();
        state.accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1" as never);
        s.fx.emulator.setState(state);
        s.fx.emulator.clearCalls();
        const out = flat((await s.preview()).stdout);
        expect(out).to.contain("[diff: ~accessKeys]");
        expect(out).to.contain(`${MEMBER}: root access key AKIA…XYZ1 present`);
        expect(out).to.not.contain("AKIACONSOLE00000XYZ1");
        expect(operations(s.fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
        await s.up();
        expect(s.fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys).to.deep.equal([]);
      });

      it("leaves no credential, root-session keys included, in the stack export or any output", async () => {
        expect(s.fx.emulator.mintedCredentials(), "root sessions were opened").to.have.length.greaterThan(0);
        await s.expectNoCredentials("aws-root-access:index:MemberRootCredentials");
      });
    });

    describe("CentralizedRootAccess", () => {
      let s: Scenario;
      before(async () => {
        const seed = scenarioSeed({ trustedServices: [] });
        (seed.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
        s = await Scenario.start(language, "centralized", seed);
        s.project.setConfig("delegatedAdministratorAccountId", MEMBER);
      });
      after(() => s?.close());

      it("takes a bare organization to both features, prerequisites first, and previews no change after", async () => {
        await s.up();
        expect(operations(s.fx.emulator, { mutatingOnly: true })).to.deep.equal([
          "EnableAWSServiceAccess",
          "RegisterDelegatedAdministrator",
          "EnableOrganizationsRootCredentialsManagement",
          "EnableOrganizationsRootSessions",
        ]);
        expect((await s.project.outputs()).enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
        const types = (await s.project.resources("")).map((r) => r.type).filter((t) => t.startsWith("aws-root-access:"));
        expect(types.sort()).to.deep.equal([
          "aws-root-access:index:CentralizedRootAccess",
          "aws-root-access:index:IamDelegatedAdministrator",
          "aws-root-access:index:IamTrustedAccess",
          "aws-root-access:index:OrganizationsFeatures",
        ]);
        await s.expectNoChanges();
      });
    });

    describe("a bad input", () => {
      let s: Scenario;
      before(async () => {
        s = await Scenario.start(language, "bad-input", scenarioSeed());
      });
      after(() => s?.close());

      it("fails the preview with the typed error once, naming the property, with no AWS call", async () => {
        s.fx.emulator.clearCalls();
        const preview = await s.preview([], true);
        expect(preview.code).to.not.equal(0);
        const out = flat(preview.stdout);
        const diagnostics = out.slice(out.indexOf("Diagnostics:"));
        expect(diagnostics).to.contain("aws-root-access:index:MemberRootCredentials (clean): error:");
        expect(diagnostics).to.contain("property accountId");
        expect(diagnostics.match(/12-digit AWS account ID/g)?.length, diagnostics).to.equal(1);
        expect(s.fx.emulator.calls()).to.deep.equal([]);
      });
    });

    describe("a secret input", () => {
      let s: Scenario;
      before(async () => {
        s = await Scenario.start(language, "secret-role", scenarioSeed());
        s.project.setConfig("roleArn", ORGANIZATION_ADMIN_ROLE);
      });
      after(() => s?.close());

      it("stays secret in state, and no credential reaches the export or any output", async () => {
        await s.up();
        expect(
          s.fx.emulator.calls().find((c) => c.operation === "AssumeRole"),
          "the role was assumed",
        ).to.not.equal(undefined);
        const [resource] = await s.project.resources(":RootSessions");
        expect(JSON.stringify(resource!.outputs.roleArn)).to.contain("ciphertext");
        expect((await s.project.pulumi(["stack", "export"])).stdout).to.not.contain(ORGANIZATION_ADMIN_ROLE);
        await s.expectNoCredentials("aws-root-access:index:RootSessions");
      });
    });
  });

describe("the examples of the Python and Go SDKs", function () {
  this.timeout(10 * 60_000);

  it("examples/python takes a bare organization to centralized root access and cleans every member account's keys", async () => {
    const seed = rootCredentialsSeed([]);
    const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
    org.trustedServices = [];
    org.delegatedAdministrators = [];
    const fx = await startEmulator({ seed });
    const env = offlineEngineEnv(scratchDir("sdk-example"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials });
    const project = await pythonProject(env, join(REPO_ROOT, "examples", "python"));
    try {
      project.setConfig("delegatedAdministratorAccountId", DELEGATED_ADMIN);
      await project.up();
      const outputs = await project.outputs();
      expect(outputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
      expect(outputs.memberAccounts).to.deep.equal([MEMBER, DELEGATED_ADMIN, MEMBER_2].sort());
      const roots = fx.emulator.state().accounts.filter((a) => a.rootUser);
      expect(roots.flatMap((a) => [...a.rootUser!.accessKeys, ...a.rootUser!.signingCertificates])).to.deep.equal([]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
    } finally {
      project.remove();
      await fx.close();
    }
  });

  it("examples/go builds against the checked-in Go SDK (no Go language host here to run it: see sdk/go/README.md)", async () => {
    const built = await run(
      "go",
      ["build", "-mod=readonly", "-o", join(scratchDir("sdk-example-go"), "example"), "."],
      join(REPO_ROOT, "examples", "go"),
      process.env,
    );
    expect(built.code, built.output).to.equal(0);
  });
});
