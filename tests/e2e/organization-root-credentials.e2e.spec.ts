import { expect } from "chai";
import { join } from "node:path";
import { KEYS, ORG_ID, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { flat } from "../rawProject";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";

describe("OrganizationRootCredentials: what a preview shows is what the up does", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  let project: PulumiProject;

  beforeEach(async () => {
    fx = await startEmulator({ seed: rootCredentialsSeed() });
    const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
    project = await PulumiProject.create({
      program: join(REPO_ROOT, "tests", "programs", "organization-from-output.ts"),
      env: offlineEngineEnv(scratchDir("e2e-org-root"), { emulatorUrl: fx.emulator.url, credentials }),
    });
  });
  afterEach(async () => {
    project.remove();
    await fx.close();
  });

  it("refuses an organizationId only known after another resource is created, instead of previewing deletes", async () => {
    project.setConfig("organizationId", ORG_ID);
    await project.up();
    const declared = await project.resources(":MemberRootCredentials");
    expect(declared.length).to.be.greaterThan(0);

    project.setConfig("organizationFrom", "resource");
    const preview = await project.preview([], true);
    const out = flat(preview.output);
    expect(preview.code, out).to.not.equal(0);
    expect(out).to.include(
      'InvalidArgumentsError: Invalid arguments for OrganizationRootCredentials "root-credentials", so nothing was ' +
        "called in AWS: organizationId is only known once another resource is created",
    );
    expect(out, "no member account planned for deletion").to.not.match(/MemberRootCredentials \S+ delete|to delete/);
    expect(out, "no stack trace").to.not.match(/^\s+at /m);
    expect(await project.resources(":MemberRootCredentials")).to.have.length(declared.length);
  });
});
