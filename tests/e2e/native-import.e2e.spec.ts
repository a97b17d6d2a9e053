/**
 * `pulumi import` of every custom kind of the native provider, through the real Pulumi CLI and the YAML host's code
 * generation: the import makes no mutating AWS call, and a preview of the program that declares what was imported
 * (the code `--out` generated) shows no change.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rawProject } from "../rawProject";
import { DELEGATED_ADMIN, KEYS, MEMBER, MEMBER_2, ORG_ID, operations, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const T = "aws-root-access:index";
/** Two stacks: the feature kinds overlap, so the organization-wide one and the per-feature ones are imported apart. */
const STACKS: Record<string, Array<{ type: string; name: string; id: string }>> = {
  whole: [
    { type: `${T}:OrganizationsFeatures`, name: "features", id: ORG_ID },
    { type: `${T}:IamTrustedAccess`, name: "trusted", id: ORG_ID },
    { type: `${T}:IamDelegatedAdministrator`, name: "admin", id: ORG_ID },
    { type: `${T}:MemberRootCredentials`, name: "member", id: MEMBER },
    { type: `${T}:MemberRootCredentials`, name: "clean", id: MEMBER_2 },
  ],
  perFeature: [
    { type: `${T}:RootSessions`, name: "sessions", id: ORG_ID },
    { type: `${T}:RootCredentialsManagement`, name: "credentials", id: ORG_ID },
  ],
};

/** What the kinds manage: the organization's settings and each account's root credentials (none when absent). */
function managed(fx: EmulatorFixture): unknown {
  const state = fx.emulator.state();
  const none = { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] };
  return { organizations: state.organizations, roots: state.accounts.map((a) => [a.id, a.rootUser ?? none]) };
}

describe("pulumi import of each kind of the native provider, through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  let fx: EmulatorFixture;
  before(async () => {
    fx = await startEmulator({ seed: rootCredentialsSeed() });
  });
  after(async () => {
    await fx?.close();
  });

  for (const [stack, resources] of Object.entries(STACKS)) {
    it(`imports ${resources.map((r) => r.type.split(":").pop()).join(", ")} changing nothing, and the generated program previews with no change`, async () => {
      const project = await rawProject(fx, { face: "native", key: KEYS.management, stack });
      const file = join(project.dir, "import.json");
      writeFileSync(file, JSON.stringify({ resources }));
      const before = managed(fx);
      fx.emulator.clearCalls();
      const out = join(project.dir, "imported.yaml");
      await project.pulumi(["import", "--file", file, "--yes", "--protect=false", "--out", out]);
      expect(operations(fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
      expect(managed(fx)).to.deep.equal(before);
      const generated = readFileSync(out, "utf8");
      for (const r of resources) expect(generated).to.contain(`${r.name}:`);
      project.setYaml(generated);
      const preview = await project.preview(["--expect-no-changes"], true);
      expect(preview.code, preview.stdout).to.equal(0);
      const ids = (await project.resources("")).filter((r) => r.type.startsWith(T)).map((r) => r.id);
      expect(ids.sort()).to.deep.equal(resources.map((r) => r.id).sort());
      project.remove();
    });
  }

  it("declares an imported delegated administrator as the account it found", async () => {
    const project = await rawProject(fx, { face: "native", key: KEYS.management });
    const out = join(project.dir, "imported.yaml");
    await project.pulumi(["import", `${T}:IamDelegatedAdministrator`, "admin", ORG_ID, "--yes", "--protect=false", "--out", out]);
    expect(readFileSync(out, "utf8")).to.match(new RegExp(`accountId: ['"]?${DELEGATED_ADMIN}['"]?`));
    project.remove();
  });
});
