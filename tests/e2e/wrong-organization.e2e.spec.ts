import { expect } from "chai";
import { IAM_PRINCIPAL, KEYS, MEMBER, ORG_ID, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject, writeProfiles } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

const OTHER_ORG = "o-b2c3d4e5f6";
const OTHER_MANAGEMENT = "555555555555";
const OTHER_KEY = "AKIAOTHERORG00000001";

/** The scenario's organization, plus a second organization with its own management account and key. */
function twoOrganizations(other: { featureSet?: string; trustedServices?: string[] }): Record<string, unknown> {
  const seed = scenarioSeed();
  // No delegated administrator but the declared one: another would be drift the next update removes.
  (seed.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
  (seed.organizations as unknown[]).push({
    id: OTHER_ORG,
    managementAccountId: OTHER_MANAGEMENT,
    featureSet: other.featureSet ?? "ALL",
    trustedServices: other.trustedServices ?? [IAM_PRINCIPAL],
  });
  (seed.accounts as unknown[]).push({ id: OTHER_MANAGEMENT, organizationId: OTHER_ORG });
  (seed.accessKeys as unknown[]).push({ accessKeyId: OTHER_KEY, accountId: OTHER_MANAGEMENT });
  return seed;
}

const EVERY_KIND = [
  { kind: "OrganizationsFeatures", name: "features", args: { enabledFeatures: ["RootSessions"] } },
  { kind: "IamTrustedAccess", name: "trusted-access" },
  { kind: "IamDelegatedAdministrator", name: "admin", args: { accountId: MEMBER } },
];

const OTHERS = [
  { title: "an organization with trusted access off", other: { trustedServices: [] } },
  { title: "a consolidated-billing organization", other: { featureSet: "CONSOLIDATED_BILLING", trustedServices: [] } },
  { title: "a healthy organization", other: {} },
];

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    for (const { title, other } of OTHERS) {
      describe(`a stack of organization A run with credentials that reach ${title}`, function () {
        this.timeout(10 * 60_000);
        let fx: EmulatorFixture;
        let project: PulumiProject;

        let urns: Record<string, string>;

        before(async () => {
          fx = await startEmulator({ seed: twoOrganizations(other) });
          project = await rawProject(fx, { face, profiles: { management: KEYS.management } });
          project.setConfig("aws:profile", "management");
          declare(project, EVERY_KIND);
          await project.up();
          urns = Object.fromEntries(
            (await project.resources(""))
              .filter((r) => r.type.includes("aws-root-access"))
              .map((r) => [r.type.split(":").pop()!, r.urn]),
          );
          // The profile is repointed at the other organization's management account, as when a profile is edited.
          writeProfiles(project, { management: OTHER_KEY });
          fx.emulator.clearCalls();
        });
        after(async () => {
          project?.remove();
          await fx?.close();
        });

        for (const command of ["preview", "refresh"]) {
          for (const { kind } of EVERY_KIND) {
            it(`fails ${command} of ${kind} with OrganizationMismatchError naming both organizations`, async () => {
              const args = command === "preview" ? ["preview"] : ["refresh", "--yes"];
              const result = await project.pulumi([...args, "--target", urns[kind]!], { allowFailure: true });
              expect(result.code).to.not.equal(0);
              const out = flat(result.stdout);
              expect(out).to.include(
                `OrganizationMismatchError: Refusing to ${command === "preview" ? "compare" : "read"} ${kind}`,
              );
              expect(out).to.include(`this resource belongs to organization ${ORG_ID}`);
              expect(out).to.include(`the credentials reach organization ${OTHER_ORG}`);
              expect(out).to.not.include("trusted access for IAM is not enabled");
              expect(out).to.not.include("uses consolidated billing only");
              expect(out).to.not.include("update `organizationId`");
              expect(fx.emulator.calls().filter((c) => !/^(List|Describe|Get)/.test(c.operation))).to.deep.equal([]);
            });
          }
        }

        it("leaves organization A untouched, and the right credentials still work", async () => {
          writeProfiles(project, { management: KEYS.management });
          expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
          expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal(["RootSessions"]);
        });
      });
    }

    describe("following the mismatch error's advice to move a stack to another organization", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: twoOrganizations({}) });
        project = await rawProject(fx, { face, profiles: { a: KEYS.management, b: OTHER_KEY } });
        project.setConfig("aws:profile", "a");
        declare(project, [{ kind: "RootSessions", name: "sessions" }]);
        await project.up();
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("works: pulumi state delete, then up creates the resource in the other organization", async () => {
        project.setConfig("aws:profile", "b");
        const refused = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(refused.code).to.not.equal(0);
        expect(flat(refused.stdout)).to.include("pulumi state delete");
        const [resource] = await project.resources(":RootSessions");
        await project.pulumi(["state", "delete", resource!.urn, "--yes"]);
        await project.up();
        const [moved] = await project.resources(":RootSessions");
        expect(moved!.id).to.equal(OTHER_ORG);
        expect(fx.emulator.state().organizations[1]!.enabledRootFeatures).to.deep.equal(["RootSessions"]);
        expect(fx.emulator.state().organizations[0]!.enabledRootFeatures, "A keeps its feature").to.deep.equal(["RootSessions"]);
      });
    });
  });
