/**
 * What users will run in 2027: Node 24 and the newest @pulumi/pulumi, with the package installed from its packed
 * tarball into a project outside the repository, through the same Pulumi CLI as every other leg. Covers the
 * lifecycle, the `import` option, drift in a plain preview, root credentials, a prerequisite error and secrets.
 */
import { expect } from "chai";
import { join } from "node:path";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, run, scratchDir } from "../../harness/engine";
import { installedProjectDir } from "../../harness/installed";
import { NEWEST_PULUMI_SDK, NODE24_VERSION, programNode } from "../../harness/toolchain";
import { KEYS, MEMBER, MEMBER_2, ORG_ID, operations, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const PROGRAM = `"use strict";
const fs = require("node:fs");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { OrganizationsFeatures, MemberRootCredentials } = require("pulumi-aws-root-access");
const config = new pulumi.Config();
const importId = config.get("importId");
const features = new OrganizationsFeatures(
  "root-access",
  { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] },
  importId ? { import: importId } : {},
);
if (config.getBoolean("members")) new MemberRootCredentials("member", { accountId: "${MEMBER}" });
exports.enabledFeatures = features.enabledFeatures;
exports.nodeVersion = process.versions.node;
exports.pulumiSdk = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve("@pulumi/pulumi")), "package.json"), "utf8")).version;
`;

describe(`Node ${NODE24_VERSION} with @pulumi/pulumi ${NEWEST_PULUMI_SDK}, installed from the tarball`, function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  before(async () => {
    if (programNode("24").version !== NODE24_VERSION) throw new Error("Node 24 is not installed: run `npm run setup:node24`");
    fx = await startEmulator({ seed: rootCredentialsSeed() });
    const dir = await installedProjectDir({ "index.js": PROGRAM }, NEWEST_PULUMI_SDK);
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    const env = offlineEngineEnv(scratchDir("node24-engine"), { emulatorUrl: fx.emulator.url, credentials, node: "24" });
    project = await PulumiProject.create({ dir, program: join(dir, "index.js"), env, typescript: false });
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("adopts features that are already on with the import option, changing nothing, on Node 24 and the newest SDK", async () => {
    project.setConfig("importId", ORG_ID);
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
    const outputs = await project.outputs();
    expect(outputs.nodeVersion).to.equal(NODE24_VERSION);
    expect(outputs.pulumiSdk).to.equal(NEWEST_PULUMI_SDK);
    expect(outputs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    project.removeConfig("importId");
  });

  it("shows a console change as drift in a plain preview, and up heals it", async () => {
    await fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
    const preview = await project.preview();
    expect(preview.stdout).to.match(/~ 1 to update/);
    expect(preview.stdout).to.include(`OrganizationsFeatures drift in organization ${ORG_ID}`);
    fx.emulator.clearCalls();
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableOrganizationsRootSessions"]);
  });

  it("removes a member account's root credentials, and shows one that reappears as drift", async () => {
    project.setConfig("members", "true");
    await project.up();
    const root = () => fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!;
    expect(root()).to.deep.include({ password: false, accessKeys: [], signingCertificates: [] });
    const state = fx.emulator.state();
    state.accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1");
    fx.emulator.setState(state);
    const preview = await project.preview();
    expect(preview.stdout.replace(/\s+/g, " ")).to.include(`${MEMBER}: root access key AKIA…XYZ1 present`);
    await project.up();
    expect(root().accessKeys).to.deep.equal([]);
  });

  it("keeps the provider a small require of the installed package, and no credential in state", async () => {
    for (const kind of ["OrganizationsFeatures", "MemberRootCredentials"]) {
      const [resource] = await project.resources(`:${kind}`);
      const provider = String(resource!.inputs.__provider);
      expect(provider).to.match(new RegExp(`require\\("pulumi-aws-root-access/dist/providers/${kind}\\.js"\\)`));
      expect(Buffer.byteLength(provider)).to.be.below(2048);
    }
    const exported = await project.exportStack();
    for (const secret of [
      KEYS.management,
      fx.credentials.secretAccessKey,
      "AKIAROOTMEMBER000001",
      ...fx.emulator.mintedCredentials(),
    ]) {
      expect(exported).to.not.include(secret);
    }
  });

  it("fails a preview with member-account credentials with the prerequisite's typed error, once", async () => {
    const member = offlineEngineEnv(scratchDir("node24-member"), {
      emulatorUrl: fx.emulator.url,
      credentials: { accessKeyId: KEYS.member, secretAccessKey: fx.credentials.secretAccessKey },
      node: "24",
    });
    const preview = await run("pulumi", ["preview", "--non-interactive", "--stack", project.stack], project.dir, {
      ...member,
      PULUMI_BACKEND_URL: project.env.PULUMI_BACKEND_URL,
      PULUMI_HOME: project.env.PULUMI_HOME,
    });
    expect(preview.code).to.not.equal(0);
    const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:")).replace(/\s+/g, " ");
    // Whichever resource the engine reaches first fails; the engine stops there.
    expect(diagnostics).to.match(
      /error: AccountNotManagementOrDelegatedAdministratorError: Cannot (compare OrganizationsFeatures|audit the root user of account \d{12})/,
    );
    expect(diagnostics.split("these credentials belong to a member account").length - 1, preview.output).to.equal(1);
    expect(preview.output).to.not.match(/^\s+at .*:\d+:\d+\)?$/m);
  });

  it("installs the pulumi-aws-root-access command, which audits the organization", async () => {
    const bin = join(project.dir, "node_modules", ".bin", "pulumi-aws-root-access");
    const audit = await run(bin, ["audit", "--format", "json", "--accounts", `${MEMBER},${MEMBER_2}`], project.dir, project.env);
    expect(audit.code, audit.output).to.equal(0);
    expect(JSON.parse(audit.stdout)).to.deep.include({ organizationId: ORG_ID, exitCode: 0 });
  });

  it("destroys cleanly: the features off, the root users left as they are", async () => {
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true }).sort()).to.deep.equal([
      "DisableOrganizationsRootCredentialsManagement",
      "DisableOrganizationsRootSessions",
    ]);
  });
});
