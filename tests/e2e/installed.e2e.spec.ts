import { expect } from "chai";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, run, scratchDir } from "../../harness/engine";
import { installedProjectDir } from "../../harness/installed";
import { KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const PROGRAM = `"use strict";
const { OrganizationsFeatures } = require("pulumi-aws-root-access");
const rootAccess = new OrganizationsFeatures("root-access", { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] });
exports.enabledFeatures = rootAccess.enabledFeatures;
`;

/** A TypeScript user of both entry points, type-checked under each module resolution in use. */
const TYPED_USER = `import { start } from "pulumi-aws-root-access/emulator";
import { OrganizationsFeatures } from "pulumi-aws-root-access";
import type { FeatureName } from "pulumi-aws-root-access";
const features: FeatureName[] = ["RootSessions"];
export const declare = () => new OrganizationsFeatures("x", { enabledFeatures: features });
export const emulator = start;
`;

describe("the package installed from its tarball into a project outside the repository", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;
  let dir: string;

  before(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
    dir = await installedProjectDir({ "index.js": PROGRAM, "typed-user.ts": TYPED_USER });
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    const env = offlineEngineEnv(scratchDir("installed-engine"), { emulatorUrl: fx.emulator.url, credentials });
    project = await PulumiProject.create({ dir, program: join(dir, "index.js"), env, typescript: false });
  });
  after(async () => {
    project?.remove();
    await fx?.close();
  });

  it("creates with pulumi up", async () => {
    await project.up();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([
      "EnableOrganizationsRootCredentialsManagement",
      "EnableOrganizationsRootSessions",
    ]);
  });

  it("captures the provider as a require of the installed package, small and free of credentials", async () => {
    const [resource] = await project.resources(":OrganizationsFeatures");
    const provider = String(resource!.inputs.__provider);
    expect(provider, provider).to.match(/require\("pulumi-aws-root-access\/dist\/providers\/OrganizationsFeatures\.js"\)/);
    expect(Buffer.byteLength(provider)).to.be.below(512);
    const exported = await project.exportStack();
    expect(exported).to.not.include(KEYS.management);
    expect(exported).to.not.include(fx.credentials.secretAccessKey);
  });

  it("shows a console change as drift in a plain preview", async () => {
    await fx.iam.send(new DisableOrganizationsRootSessionsCommand({}));
    const preview = await project.preview();
    expect(preview.stdout).to.match(/~ 1 to update/);
    expect(preview.stdout).to.include(`OrganizationsFeatures drift in organization ${ORG_ID}`);
  });

  for (const resolution of ["node10", "node16", "bundler"]) {
    it(`type-checks both entry points under moduleResolution ${resolution}`, async () => {
      const module = resolution === "node16" ? "node16" : resolution === "bundler" ? "esnext" : "commonjs";
      const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
      const args = [tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", module];
      const result = await run("node", [...args, "--moduleResolution", resolution, "typed-user.ts"], dir, process.env);
      expect(result.code, result.output).to.equal(0);
    });
  }

  it("prints a typed error once, with its name and no stack trace", async () => {
    const member = offlineEngineEnv(scratchDir("installed-member"), {
      emulatorUrl: fx.emulator.url,
      credentials: { accessKeyId: KEYS.member, secretAccessKey: fx.credentials.secretAccessKey },
    });
    const preview = await run("pulumi", ["preview", "--non-interactive", "--stack", project.stack], project.dir, {
      ...member,
      PULUMI_BACKEND_URL: project.env.PULUMI_BACKEND_URL,
      PULUMI_HOME: project.env.PULUMI_HOME,
    });
    expect(preview.code).to.not.equal(0);
    const sentence = "these credentials belong to a member account";
    const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
    expect(diagnostics.split(sentence).length - 1, preview.output).to.equal(1);
    expect(diagnostics.replace(/\s+/g, " ")).to.include(
      "error: AccountNotManagementOrDelegatedAdministratorError: Cannot compare OrganizationsFeatures",
    );
    expect(preview.output).to.not.match(/^\s+at .*:\d+:\d+\)?$/m);
  });

  it("destroys cleanly", async () => {
    fx.emulator.clearCalls();
    await project.destroy();
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootCredentialsManagement"]);
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
  });

  it("puts the native provider's plugin on PATH through npm's bin, and a YAML program runs with it", async () => {
    const yamlDir = join(dir, "yaml");
    mkdirSync(yamlDir);
    const env = { ...project.env, PATH: `${join(dir, "node_modules", ".bin")}:${project.env.PATH ?? ""}` };
    const yaml = await PulumiProject.create({
      dir: yamlDir,
      env,
      stack: "yaml",
      yaml: "resources:\n  sessions:\n    type: aws-root-access:index:RootSessions\n",
    });
    const up = await yaml.up();
    expect(up.output).to.contain(`using pulumi-resource-aws-root-access from $PATH at ${join(dir, "node_modules", ".bin")}`);
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal(["RootSessions"]);
    await yaml.destroy();
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
  });
});
