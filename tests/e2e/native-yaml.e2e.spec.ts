/**
 * The native face from a second language: YAML programs (the YAML language host, no SDK) run the native provider
 * `aws-root-access` through the real Pulumi CLI. Drift shows property by property, a preview changes nothing, and
 * diagnostics attach to the resource they concern.
 */
import { expect } from "chai";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { withNativePlugin } from "../../harness/native";
import {
  DELEGATED_ADMIN,
  KEYS,
  MANAGEMENT,
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
import { flat, rawProject } from "../rawProject";

const FEATURES = `resources:
  features:
    type: aws-root-access:index:OrganizationsFeatures
    properties:
      enabledFeatures: [RootCredentialsManagement, RootSessions]
outputs:
  enabledFeatures: \${features.enabledFeatures}
`;

interface PreviewStep {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }> | null;
}

async function previewSteps(project: PulumiProject): Promise<PreviewStep[]> {
  const out = await project.preview(["--json"]);
  return (JSON.parse(out.stdout) as { steps: PreviewStep[] }).steps;
}

/** A project whose program is the given YAML, run through the native provider with the management account's keys. */
async function yamlProject(fx: EmulatorFixture, program: string): Promise<PulumiProject> {
  const project = await rawProject(fx, { face: "native", key: KEYS.management });
  project.setYaml(program);
  return project;
}

describe("the native provider from a YAML program, through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);

  describe("OrganizationsFeatures: create, drift, refresh, heal, destroy", () => {
    let fx: EmulatorFixture;
    let project: PulumiProject;
    before(async () => {
      fx = await startEmulator({ seed: scenarioSeed() });
      project = await yamlProject(fx, FEATURES);
    });
    after(async () => {
      project?.remove();
      await fx?.close();
    });

    it("previews the create as its plan, under the resource, and changes nothing", async () => {
      const preview = await project.preview();
      expect(flat(preview.stdout)).to.contain(
        `aws-root-access:index:OrganizationsFeatures (features): OrganizationsFeatures: the create will enable RootCredentialsManagement, enable RootSessions in organization ${ORG_ID}.`,
      );
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    });

    it("creates with pulumi up and outputs the live features", async () => {
      await project.up();
      expect(fx.emulator.state().organizations[0]!.enabledRootFeatures.sort()).to.deep.equal([
        "RootCredentialsManagement",
        "RootSessions",
      ]);
      expect((await project.outputs()).enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    });

    it("shows a feature turned off in the console as a property-level change in a plain preview, changing nothing", async () => {
      await fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
      fx.emulator.clearCalls();
      const diff = await project.preview(["--diff"]);
      expect(flat(diff.stdout)).to.contain('~ enabledFeatures: [ + [1]: "RootSessions" ]');
      const plain = flat((await project.preview()).stdout);
      expect(plain).to.contain("[diff: ~enabledFeatures]");
      expect(plain).to.contain(
        `aws-root-access:index:OrganizationsFeatures (features): OrganizationsFeatures drift in organization ${ORG_ID}`,
      );
      const step = (await previewSteps(project)).find((s) => s.urn.endsWith("::features"))!;
      expect(step.op).to.equal("update");
      expect(step.detailedDiff).to.deep.equal({ "enabledFeatures[1]": { kind: "add", inputDiff: false } });
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    });

    it("records the live features on refresh", async () => {
      await project.refresh();
      const [resource] = await project.resources(":OrganizationsFeatures");
      expect(resource!.outputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement"]);
    });

    it("heals with pulumi up, enabling only what is off, and then previews no change", async () => {
      fx.emulator.clearCalls();
      await project.up();
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
    });

    it("disables the features on destroy", async () => {
      await project.destroy();
      expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
    });
  });

  describe("MemberRootCredentials", () => {
    let fx: EmulatorFixture;
    let project: PulumiProject;
    before(async () => {
      fx = await startEmulator({ seed: rootCredentialsSeed() });
      project = await yamlProject(
        fx,
        `resources:
  clean:
    type: aws-root-access:index:MemberRootCredentials
    properties:
      accountId: "${MEMBER_2}"
`,
      );
      await project.up();
    });
    after(async () => {
      project?.remove();
      await fx?.close();
    });

    it("shows a root access key that reappears as a property-level change of accessKeys, masked, changing nothing", async () => {
      const state = fx.emulator.state();
      state.accounts.find((a) => a.id === MEMBER_2)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1" as never);
      fx.emulator.setState(state);
      fx.emulator.clearCalls();
      const preview = await project.preview();
      const out = flat(preview.stdout);
      expect(out).to.contain("[diff: ~accessKeys]");
      expect(out).to.contain(`${MEMBER_2}: root access key AKIA…XYZ1 present`);
      expect(out).to.not.contain("AKIACONSOLE00000XYZ1");
      const step = (await previewSteps(project)).find((s) => s.urn.endsWith("::clean"))!;
      expect(step.detailedDiff).to.deep.equal({ accessKeys: { kind: "update", inputDiff: false } });
      expect(operations(fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
      expect(JSON.stringify(fx.emulator.calls())).to.not.contain("AKIACONSOLE00000XYZ1");
    });

    it("removes it with pulumi up", async () => {
      await project.up();
      expect(fx.emulator.state().accounts.find((a) => a.id === MEMBER_2)!.rootUser!.accessKeys).to.deep.equal([]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
    });
  });

  describe("the components, constructed by the native provider", () => {
    let fx: EmulatorFixture;
    after(async () => {
      await fx?.close();
    });

    it("CentralizedRootAccess takes a bare organization to both features, in order, and previews no change after", async () => {
      const seed = scenarioSeed({ trustedServices: [] });
      (seed.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
      fx = await startEmulator({ seed });
      const project = await yamlProject(
        fx,
        `resources:
  root:
    type: aws-root-access:index:CentralizedRootAccess
    properties:
      delegatedAdministratorAccountId: "${MEMBER}"
outputs:
  enabledFeatures: \${root.enabledFeatures}
`,
      );
      await project.up();
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([
        "EnableAWSServiceAccess",
        "RegisterDelegatedAdministrator",
        "EnableOrganizationsRootCredentialsManagement",
        "EnableOrganizationsRootSessions",
      ]);
      expect((await project.outputs()).enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
      const children = (await project.resources("")).map((r) => r.type).filter((t) => t.startsWith("aws-root-access:"));
      expect(children.sort()).to.deep.equal([
        "aws-root-access:index:CentralizedRootAccess",
        "aws-root-access:index:IamDelegatedAdministrator",
        "aws-root-access:index:IamTrustedAccess",
        "aws-root-access:index:OrganizationsFeatures",
      ]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      project.remove();
    });

    it("OrganizationRootCredentials declares one MemberRootCredentials per ACTIVE member account", async () => {
      await fx?.close();
      fx = await startEmulator({ seed: rootCredentialsSeed() });
      const project = await yamlProject(
        fx,
        `resources:
  members:
    type: aws-root-access:index:OrganizationRootCredentials
    properties:
      remove: [accessKeys]
outputs:
  accountIds: \${members.accountIds}
`,
      );
      await project.up();
      const members = (await project.resources(":MemberRootCredentials")).map((r) => r.id).sort();
      expect(members).to.deep.equal([MEMBER, DELEGATED_ADMIN, MEMBER_2].sort());
      expect((await project.outputs()).accountIds).to.deep.equal(members);
      expect(fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys).to.deep.equal([]);
      project.remove();
    });
  });

  describe("examples/yaml", () => {
    let fx: EmulatorFixture;
    after(async () => {
      await fx?.close();
    });

    it("takes a bare organization to centralized root access and cleans every member account's keys", async () => {
      const seed = rootCredentialsSeed([]);
      const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
      org.trustedServices = [];
      org.delegatedAdministrators = [];
      fx = await startEmulator({ seed });
      const example = readFileSync(join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
      const project = await yamlProject(fx, example.replace(/^(name|runtime): .*\n/gm, ""));
      project.setConfig("delegatedAdministratorAccountId", DELEGATED_ADMIN);
      await project.up();
      const outputs = await project.outputs();
      expect(outputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
      expect(outputs.memberAccounts).to.deep.equal([MEMBER, DELEGATED_ADMIN, MEMBER_2].sort());
      const roots = fx.emulator.state().accounts.filter((a) => a.rootUser);
      expect(roots.flatMap((a) => [...a.rootUser!.accessKeys, ...a.rootUser!.signingCertificates])).to.deep.equal([]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      project.remove();
    });
  });

  describe("connection settings and a change that stops half way", () => {
    let fx: EmulatorFixture;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const SESSIONS = "resources:\n  sessions:\n    type: aws-root-access:index:RootSessions\n";
    before(async () => {
      fx = await startEmulator({ seed: scenarioSeed() });
      dir = scratchDir("native-connection");
      // The environment carries member-account keys: only an honoured profile reaches the management account.
      const member = { accessKeyId: KEYS.member, secretAccessKey: fx.credentials.secretAccessKey };
      env = withNativePlugin(offlineEngineEnv(dir, { emulatorUrl: fx.emulator.url, credentials: member }));
      writeFileSync(
        env.AWS_SHARED_CREDENTIALS_FILE!,
        `[management]\naws_access_key_id = ${KEYS.management}\naws_secret_access_key = x\n`,
      );
      writeFileSync(env.AWS_CONFIG_FILE!, "[profile management]\nregion = us-east-1\n");
    });
    after(async () => {
      await fx?.close();
    });

    for (const [title, key] of [
      ["the provider configuration aws-root-access:profile", "aws-root-access:profile"],
      ["the stack's aws:profile (read from Pulumi.<stack>.yaml)", "aws:profile"],
    ] as const) {
      it(`honours ${title}`, async () => {
        const project = await PulumiProject.create({ env, yaml: SESSIONS, stack: key.replace(":", "-") });
        const refused = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(flat(refused.stdout)).to.contain("these credentials belong to a member account");
        project.setConfig(key, "management");
        fx.emulator.clearCalls();
        await project.up();
        const enable = fx.emulator.calls().find((c) => c.operation === "EnableOrganizationsRootSessions");
        expect(enable?.accountId).to.equal(MANAGEMENT);
        await project.destroy();
        project.remove();
      });
    }

    it("records a create that stopped half way, says what was applied, and the next up converges", async () => {
      const project = await PulumiProject.create({ env, yaml: FEATURES, stack: "partial" });
      project.setConfig("aws-root-access:profile", "management");
      fx.emulator.setFaults({ rules: [{ kind: "serverError", count: 20, operations: ["EnableOrganizationsRootSessions"] }] });
      const failed = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
      fx.emulator.setFaults({ rules: [] });
      expect(failed.code).to.not.equal(0);
      expect(flat(failed.stdout)).to.contain(
        `Partly applied to organization ${ORG_ID}: enable RootCredentialsManagement succeeded, then enable RootSessions failed`,
      );
      const [recorded] = await project.resources(":OrganizationsFeatures");
      expect(recorded?.id, "the engine recorded the partial create").to.equal(ORG_ID);
      fx.emulator.clearCalls();
      await project.up();
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      await project.destroy();
      project.remove();
    });
  });

  describe("a secret input", () => {
    let fx: EmulatorFixture;
    after(async () => {
      await fx?.close();
    });

    it("stays secret in state: its output is encrypted, and the stack export shows no plaintext", async () => {
      fx = await startEmulator({ seed: scenarioSeed() });
      const project = await yamlProject(
        fx,
        `resources:
  sessions:
    type: aws-root-access:index:RootSessions
    properties:
      roleArn:
        fn::secret: ${ORGANIZATION_ADMIN_ROLE}
`,
      );
      await project.up();
      expect(
        fx.emulator.calls().find((c) => c.operation === "AssumeRole"),
        "the role was assumed",
      ).to.not.equal(undefined);
      const exported = (await project.pulumi(["stack", "export"])).stdout;
      expect(exported).to.not.contain(ORGANIZATION_ADMIN_ROLE);
      const [resource] = await project.resources(":RootSessions");
      const recorded = JSON.stringify(resource!.outputs.roleArn);
      expect(recorded).to.contain("ciphertext");
      project.remove();
    });
  });

  describe("bad input", () => {
    let fx: EmulatorFixture;
    before(async () => {
      fx = await startEmulator({ seed: scenarioSeed() });
    });
    after(async () => {
      await fx?.close();
    });

    it("refuses a feature name the schema's enum does not hold, once, naming the property, with no AWS call", async () => {
      const project = await yamlProject(
        fx,
        `resources:
  features:
    type: aws-root-access:index:OrganizationsFeatures
    properties:
      enabledFeatures: [rootsessions]
`,
      );
      fx.emulator.clearCalls();
      const preview = await project.preview([], true);
      expect(preview.code).to.not.equal(0);
      const out = flat(preview.stdout);
      const diagnostics = out.slice(out.indexOf("Diagnostics:"));
      expect(diagnostics).to.contain(
        "aws-root-access:index:OrganizationsFeatures (features): error: aws-root-access:index:OrganizationsFeatures " +
          "resource 'features': property enabledFeatures[0] value {<nil>} has a problem: enabledFeatures[0] is " +
          '"rootsessions", which is not a feature',
      );
      expect(diagnostics.match(/is "rootsessions"/g)?.length, diagnostics).to.equal(1);
      expect(fx.emulator.calls()).to.deep.equal([]);
      project.remove();
    });
  });
});
