import { expect } from "chai";
import { join } from "node:path";
import { KEYS, MEMBER_2, operations, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";
import { REPO_ROOT, run } from "../../harness/engine";

/** The member account's root user, as the emulator holds it. */
const rootOf = (fx: EmulatorFixture, id: string) => fx.emulator.state().accounts.find((a) => a.id === id)!.rootUser!;

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("password recovery for a member account's root user", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;
      const OTHER_THREE = ["accessKeys", "signingCertificates", "mfaDevices"];
      const member = (args: Record<string, unknown>) => [
        { kind: "MemberRootCredentials", name: "clean", args: { accountId: MEMBER_2, ...args } },
      ];

      beforeEach(async () => {
        const seed = rootCredentialsSeed();
        const account = (seed.accounts as Array<Record<string, unknown>>).find((a) => a.id === MEMBER_2)!;
        account.rootUser = { accessKeys: ["AKIAROOTCLEAN0000001"] };
        fx = await startEmulator({ seed });
        project = await rawProject(fx, { face, key: KEYS.management });
      });
      afterEach(async () => {
        project.remove();
        await fx.close();
      });

      it("takes one `up` with allowPasswordRecovery and no remove: the other three kinds are removed, a login profile is created", async () => {
        declare(project, member({ allowPasswordRecovery: true }));
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code, flat(up.output)).to.equal(0);
        expect(rootOf(fx, MEMBER_2)).to.deep.include({ accessKeys: [], recoveryProfile: true });
        expect((await project.preview(["--expect-no-changes"], true)).code, "converged in one up").to.equal(0);
      });

      it("says the next up will create a login profile when recovery is declared and the profile is gone", async () => {
        declare(project, member({ remove: OTHER_THREE, allowPasswordRecovery: true }));
        await project.up();
        const state = fx.emulator.state();
        delete state.accounts.find((a) => a.id === MEMBER_2)!.rootUser!.recoveryProfile;
        fx.emulator.setState(state);
        const preview = flat((await project.preview()).stdout);
        expect(preview).to.include(
          `MemberRootCredentials drift: ${MEMBER_2}: password recovery is not possible (the root user has no login profile); ` +
            '`pulumi up` will create a password-less login profile, so the account owner can use "forgot password".',
        );
        expect(preview).to.not.include("will remove");
      });

      it("sees a password-less login profile left by recovery: drift, removed by the next up, and shown by the audit", async () => {
        declare(project, member({ remove: OTHER_THREE, allowPasswordRecovery: true }));
        await project.up();
        expect(rootOf(fx, MEMBER_2).recoveryProfile).to.equal(true);

        const audit = await run(
          process.execPath,
          [join(REPO_ROOT, "dist", "cli", "main.js"), "audit", "--accounts", MEMBER_2, "--format", "json"],
          project.dir,
          project.env,
          60_000,
        );
        const row = (JSON.parse(audit.stdout) as { accounts: Array<{ credentials: { loginProfile?: boolean } }> }).accounts[0]!;
        expect(row.credentials.loginProfile, "the audit reports the login profile").to.equal(true);
        expect(audit.code, "a login profile is a root credential: exit 1").to.equal(1);

        declare(project, member({}));
        const preview = flat((await project.preview()).stdout);
        expect(preview).to.include(`${MEMBER_2}: root login profile (password recovery) present`);
        fx.emulator.clearCalls();
        const up = flat((await project.up()).stdout);
        expect(up).to.include("deleted root login profile (password recovery)");
        expect(operations(fx.emulator, { mutatingOnly: true })).to.include("DeleteLoginProfile");
        expect(rootOf(fx, MEMBER_2).recoveryProfile, "the login profile is gone").to.not.equal(true);
        const [resource] = await project.resources(":MemberRootCredentials");
        expect(resource!.outputs).to.include({ password: false, loginProfile: false, credentialCount: 0 });
        expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      });
    });
  });
