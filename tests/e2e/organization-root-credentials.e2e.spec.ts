import { expect } from "chai";
import { join } from "node:path";
import { KEYS, MANAGEMENT, ORG_ID, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";

for (const face of FACES)
  describe(`through the ${face} face`, function () {
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

    describe("OrganizationRootCredentials over 40 member accounts, one blocked by an SCP", function () {
      this.timeout(10 * 60_000);
      const MEMBERS = Array.from({ length: 40 }, (_, i) => String(800000000000 + i));
      const BLOCKED = MEMBERS[7]!;
      let fx: EmulatorFixture;
      let project: PulumiProject;
      const keysLeft = (): string[] =>
        fx.emulator
          .state()
          .accounts.filter((a) => MEMBERS.includes(a.id) && (a.rootUser?.accessKeys.length ?? 0) > 0)
          .map((a) => a.id);

      before(async () => {
        const seed = rootCredentialsSeed();
        seed.accounts = [
          { id: MANAGEMENT, name: "management", organizationId: ORG_ID },
          ...MEMBERS.map((id, i) => ({
            id,
            name: `member-${i}`,
            organizationId: ORG_ID,
            rootUser: { accessKeys: [`AKIAROOTFLEET${String(i).padStart(7, "0")}`] },
          })),
        ];
        seed.accessKeys = [{ accessKeyId: KEYS.management, accountId: MANAGEMENT }];
        const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
        org.delegatedAdministrators = [];
        org.serviceControlPolicies = [{ targets: [BLOCKED], deny: ["iam:*"] }];
        fx = await startEmulator({ seed });
        project = await rawProject(fx, { face, key: KEYS.management });
        declare(project, [{ kind: "OrganizationRootCredentials", name: "fleet", args: { remove: ["accessKeys"] } }]);
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("fails naming the blocked account and --continue-on-error, which then converges all 39 others", async () => {
        const first = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        const out = flat(first.output);
        expect(first.code).to.not.equal(0);
        expect(out).to.include(`ServiceControlPolicyDeniedError`).and.include(BLOCKED);
        expect(out).to.include("`pulumi up --continue-on-error` converges every account but the failing ones");
        const preview = flat((await project.preview([], true)).output);
        expect(preview, "the preview shows the failure before any change").to.include("ServiceControlPolicyDeniedError");

        const second = await project.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure: true });
        expect(second.code, "the blocked account still fails").to.not.equal(0);
        expect(keysLeft(), "every other account converged").to.deep.equal([BLOCKED]);
      });
    });

    describe("OrganizationRootCredentials with a member account's credentials", function () {
      this.timeout(10 * 60_000);

      it("fails at program time with the typed error and its fix, printed once and cleanly", async () => {
        const fx = await startEmulator({ seed: rootCredentialsSeed() });
        const project = await rawProject(fx, { face, key: KEYS.member });
        try {
          declare(project, [{ kind: "OrganizationRootCredentials", name: "fleet" }]);
          const preview = await project.preview([], true);
          expect(preview.code).to.not.equal(0);
          const diagnostics = flat(preview.stdout.slice(preview.stdout.indexOf("Diagnostics:")));
          const sentence = "AccountNotManagementOrDelegatedAdministratorError: Cannot list the organization's member accounts";
          expect(diagnostics.split(sentence).length - 1, preview.output).to.equal(1);
          expect(preview.output).to.not.match(/AwsRequestError|unhandled exception|PromiseRejectionHandledWarning/);
        } finally {
          project.remove();
          await fx.close();
        }
      });
    });
  });
