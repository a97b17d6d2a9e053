import { expect } from "chai";
import { DELEGATED_ADMIN, KEYS, MANAGEMENT, MEMBER, ORG_ID, rootCredentialsSeed, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { Declaration } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

/** Calls that change something in AWS (AssumeRoot only opens a session, so it is a read here). */
const changes = (fx: EmulatorFixture): string[] =>
  fx.emulator
    .calls()
    .map((c) => c.operation)
    .filter((op) => !/^(List|Describe|Get|AssumeRoot$)/.test(op));

/** The first `TypedError: …` message of CLI output: up to the next resource line or the summary. */
const typedError = (output: string): string | undefined =>
  /\b([A-Z]\w+Error: .*?)(?= (?:[+~-] )?(?:pulumi[:-]|aws-root-access:)| Resources:| @ |$)/.exec(flat(output))?.[1];

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("a preview of a create is the plan: the reads the up depends on, its errors, what it will delete", function () {
      this.timeout(10 * 60_000);
      const cleanup: Array<() => unknown> = [];
      afterEach(async () => {
        for (const step of cleanup.splice(0).reverse()) await step();
      });

      async function projectOn(
        seed: Record<string, unknown>,
        key: string | undefined,
        resources: Declaration[],
      ): Promise<[EmulatorFixture, PulumiProject]> {
        const fx = await startEmulator({ seed });
        cleanup.push(() => fx.close());
        const project = await rawProject(fx, key ? { key, face } : { face });
        cleanup.push(() => project.remove());
        declare(project, resources);
        return [fx, project];
      }

      /** The preview fails with the very error the up gives, and neither changes anything. */
      async function failsLikeTheUp(fx: EmulatorFixture, project: PulumiProject, name: string): Promise<string> {
        const preview = await project.preview([], true);
        expect(preview.code, flat(preview.output)).to.not.equal(0);
        const shown = typedError(preview.stdout);
        expect(shown, flat(preview.output)).to.match(new RegExp(`^${name}: `));
        expect(flat(preview.output), "no stack trace").to.not.match(/^\s+at /m);
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code).to.not.equal(0);
        expect(typedError(up.stdout), "the same error as the up").to.equal(shown);
        expect(changes(fx)).to.deep.equal([]);
        return shown!;
      }

      it("fails the preview of a create with no credentials, as the up does", async () => {
        const [fx, project] = await projectOn(scenarioSeed(), undefined, [{ kind: "RootSessions", name: "root-sessions" }]);
        await failsLikeTheUp(fx, project, "CredentialsNotFoundError");
      });

      it("fails the preview of a create in a consolidated-billing organization, as the up does", async () => {
        const [fx, project] = await projectOn(scenarioSeed({ featureSet: "CONSOLIDATED_BILLING" }), KEYS.management, [
          { kind: "IamTrustedAccess", name: "trusted" },
        ]);
        await failsLikeTheUp(fx, project, "OrganizationNotInAllFeaturesModeError");
      });

      it("fails the preview of a create whose organizationId is not the organization reached, as the up does", async () => {
        const [fx, project] = await projectOn(scenarioSeed(), KEYS.management, [
          { kind: "RootSessions", name: "root-sessions", args: { organizationId: "o-zzzzzzzzzz" } },
        ]);
        const shown = await failsLikeTheUp(fx, project, "OrganizationMismatchError");
        expect(shown).to.include("o-zzzzzzzzzz").and.include(ORG_ID);
      });

      it("fails the preview of MemberRootCredentials aimed at the management account, as the up does", async () => {
        const [fx, project] = await projectOn(rootCredentialsSeed(), KEYS.management, [
          { kind: "MemberRootCredentials", name: "management", args: { accountId: MANAGEMENT } },
        ]);
        await failsLikeTheUp(fx, project, "ManagementAccountTargetError");
      });

      it("says in the first preview of OrganizationRootCredentials what the up will delete in each account, with masked IDs", async () => {
        const [fx, project] = await projectOn(rootCredentialsSeed(), KEYS.management, [
          { kind: "OrganizationRootCredentials", name: "root-credentials" },
        ]);
        const preview = await project.preview();
        const out = flat(preview.stdout);
        expect(out).to.include(
          `MemberRootCredentials ${MEMBER}: the create will delete root password; delete root access key AKIA…0001; ` +
            `delete root signing certificate CERTROOTMEMBER00000000001; deactivate root MFA device arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device.`,
        );
        expect(out).to.include(`MemberRootCredentials ${DELEGATED_ADMIN}: the create will delete root access key AKIA…0001.`);
        expect(out, "clean accounts say nothing").to.not.include("MemberRootCredentials 555555555555:");
        expect(preview.output, "no whole root key ID").to.not.match(/AKIAROOT\w{12}/);
        expect(changes(fx), "the preview only read").to.deep.equal([]);
        // What the preview said is what the up does.
        const up = flat((await project.up()).stdout);
        expect(up).to.include(`MemberRootCredentials ${MEMBER}: deleted root password`);
        expect(up).to.include(`MemberRootCredentials ${DELEGATED_ADMIN}: deleted root access key AKIA…0001`);
      });

      it("previews a create whose features are enabled by the same program as pending, not failed", async () => {
        const [fx, project] = await projectOn(rootCredentialsSeed([]), KEYS.management, [
          { kind: "MemberRootCredentials", name: "member", args: { accountId: MEMBER } },
        ]);
        const preview = await project.preview();
        expect(flat(preview.stdout)).to.include(`MemberRootCredentials ${MEMBER}: cannot audit the account before the create.`);
        expect(changes(fx)).to.deep.equal([]);
      });
    });
  });
