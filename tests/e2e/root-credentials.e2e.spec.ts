/**
 * Member-account root credentials through the real Pulumi CLI: removal, drift in a plain preview, password
 * recovery, one failing account beside converging ones (an SCP), the feature off, and the IAM delegated
 * administrator as the caller, with OrganizationRootCredentials declaring one resource per member account.
 */
import { expect } from "chai";
import {
  DELEGATED_ADMIN,
  KEYS,
  MANAGEMENT,
  MEMBER,
  MEMBER_2,
  ORG_ID,
  operations,
  rootCredentialsSeed,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../../harness/engine";

const BLOCKED = "777777777777";
const M = "MemberRootCredentials";

function rootOf(fx: EmulatorFixture, accountId: string) {
  return fx.emulator.state().accounts.find((a) => a.id === accountId)!.rootUser!;
}

/** IAM calls that change a root user, as opposed to root sessions and reads. */
function rootChanges(fx: EmulatorFixture): string[] {
  return operations(fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot");
}

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("member-account root credentials through the real Pulumi CLI", function () {
      this.timeout(10 * 60_000);

      describe("from the management account, with an SCP that blocks one account's root user", () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        const scp = [{ targets: [BLOCKED], deny: ["iam:*"] }];
        before(async () => {
          const seed = rootCredentialsSeed();
          (seed.accounts as unknown[]).push({
            id: BLOCKED,
            name: "blocked",
            organizationId: ORG_ID,
            rootUser: { accessKeys: ["AKIAROOTBLOCKED00001"] },
          });
          (seed.organizations as Array<Record<string, unknown>>)[0]!.serviceControlPolicies = scp;
          fx = await startEmulator({ seed });
          project = await rawProject(fx, { face, key: KEYS.management });
          declare(project, [
            { kind: M, name: "member", args: { accountId: MEMBER } },
            { kind: M, name: "security", args: { accountId: DELEGATED_ADMIN } },
            {
              kind: M,
              name: "clean",
              args: {
                accountId: MEMBER_2,
                remove: ["accessKeys", "signingCertificates", "mfaDevices"],
                allowPasswordRecovery: true,
              },
            },
            // After the others: a preview stops at the first error, so whether it had diffed the others before
            // the blocked account failed must not depend on the order the program's registrations arrive in.
            { kind: M, name: "blocked", args: { accountId: BLOCKED }, opts: { dependsOn: ["member", "security", "clean"] } },
          ]);
        });
        after(async () => {
          project.remove();
          await fx.close();
        });

        it("fails up for the blocked account only, naming it, the SCP and the aws:AssumedRoot exemption, while the others converge", async () => {
          // With --continue-on-error, as the error advises: without it, whether the engine had started the other
          // accounts before this one failed depends on timing (it starts no new step after an error).
          const up = await project.pulumi(["up", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure: true });
          expect(up.code).to.not.equal(0);
          const out = flat(up.stdout);
          expect(out).to.contain("ServiceControlPolicyDeniedError").and.contain(BLOCKED).and.contain("aws:AssumedRoot");
          expect(rootOf(fx, MEMBER)).to.deep.include({ password: false, accessKeys: [], signingCertificates: [] });
          expect(rootOf(fx, DELEGATED_ADMIN).accessKeys).to.deep.equal([]);
          expect(rootOf(fx, MEMBER_2)).to.deep.include({ recoveryProfile: true });
          expect(rootOf(fx, BLOCKED).accessKeys).to.deep.equal(["AKIAROOTBLOCKED00001"]);
          expect((await project.resources(`:${M}`)).map((r) => r.id).sort()).to.deep.equal(
            [MEMBER, DELEGATED_ADMIN, MEMBER_2].sort(),
          );
        });

        it("shows an access key that reappears in the console as drift in a plain preview, naming the account and the masked key", async () => {
          const state = fx.emulator.state();
          state.accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1" as never);
          fx.emulator.setState(state);
          fx.emulator.clearCalls();
          const preview = await project.preview([], true);
          const out = flat(preview.stdout);
          expect(out).to.contain(`${MEMBER}: root access key AKIA…XYZ1 present`);
          expect(out).to.not.contain("AKIACONSOLE00000XYZ1");
          expect(out).to.match(/~ .*member.* update|~ 1 to update|1 to update/);
          expect(rootChanges(fx)).to.deep.equal([]);
        });

        it("converges in the next up once the SCP exempts root sessions: the key is removed, the blocked account cleaned", async () => {
          const state = fx.emulator.state();
          state.organizations[0]!.serviceControlPolicies = [{ targets: [BLOCKED], deny: ["iam:*"], exemptAssumedRoot: true }];
          fx.emulator.setState(state);
          await project.up();
          expect(rootOf(fx, MEMBER).accessKeys).to.deep.equal([]);
          expect(rootOf(fx, BLOCKED).accessKeys).to.deep.equal([]);
          const noChanges = await project.preview(["--expect-no-changes"], true);
          expect(noChanges.code, noChanges.stdout).to.equal(0);
        });

        it("records no root-session secret, root key ID or access key secret in state or CLI output", async () => {
          const exported = await project.exportStack();
          for (const secret of fx.emulator.mintedCredentials()) expect(exported).to.not.contain(secret);
          expect(exported).to.not.contain("AKIAROOTMEMBER000001").and.not.contain(fx.credentials.secretAccessKey);
          const member = (await project.resources(`:${M}`)).find((r) => r.id === MEMBER)!;
          expect(member.outputs).to.deep.include({ credentialCount: 0, accessKeys: [] });
        });

        it("changes nothing in AWS on destroy, and says that deleted credentials cannot be restored", async () => {
          fx.emulator.clearCalls();
          const destroy = await project.destroy();
          expect(flat(destroy.stdout)).to.contain("Deleted root credentials cannot be restored");
          expect(rootChanges(fx)).to.deep.equal([]);
          expect(fx.emulator.calls().filter((c) => c.service === "sts")).to.deep.equal([]);
        });
      });

      describe("with RootCredentialsManagement off", () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        before(async () => {
          fx = await startEmulator({ seed: rootCredentialsSeed(["RootSessions"]) });
          project = await rawProject(fx, { face, key: KEYS.management });
          declare(project, [{ kind: M, name: "member", args: { accountId: MEMBER } }]);
        });
        after(async () => {
          project.remove();
          await fx.close();
        });

        it("fails up naming the account, the feature and the resource to declare, and changes nothing", async () => {
          const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
          expect(up.code).to.not.equal(0);
          const out = flat(up.stdout);
          expect(out).to.contain("RootFeatureNotEnabledError").and.contain(MEMBER).and.contain("RootCredentialsManagement");
          expect(rootChanges(fx)).to.deep.equal([]);
        });
      });

      describe("from the IAM delegated administrator, with OrganizationRootCredentials", () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        before(async () => {
          fx = await startEmulator({ seed: rootCredentialsSeed() });
          project = await rawProject(fx, { face, key: KEYS.delegatedAdmin });
          declare(project, [
            { kind: "OrganizationRootCredentials", name: "org", args: { excludeAccountIds: [DELEGATED_ADMIN] } },
          ]);
        });
        after(async () => {
          project.remove();
          await fx.close();
        });

        it("declares one resource per ACTIVE member account (never the management account) and removes their root credentials", async () => {
          await project.up();
          const ids = (await project.resources(`:${M}`)).map((r) => r.id).sort();
          expect(ids).to.deep.equal([MEMBER, MEMBER_2]);
          expect(ids).to.not.include(MANAGEMENT);
          expect(rootOf(fx, MEMBER)).to.deep.include({ password: false, accessKeys: [], signingCertificates: [] });
          expect(rootOf(fx, DELEGATED_ADMIN).accessKeys).to.deep.equal(["AKIAROOTSECURITY0001"]);
          const sessions = fx.emulator.calls().filter((c) => c.operation === "AssumeRoot");
          expect(new Set(sessions.map((c) => c.accountId))).to.deep.equal(new Set([DELEGATED_ADMIN]));
        });
      });

      describe("examples/root-credentials", () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        before(async () => {
          fx = await startEmulator({ seed: rootCredentialsSeed() });
          const credentials = { accessKeyId: KEYS.management, secretAccessKey: fx.credentials.secretAccessKey };
          project = await PulumiProject.create({
            program: join(REPO_ROOT, "examples", "root-credentials", "index.ts"),
            env: offlineEngineEnv(scratchDir("e2e-root-example"), { emulatorUrl: fx.emulator.url, credentials }),
          });
          project.setConfig("excludeAccountIds", JSON.stringify([DELEGATED_ADMIN]));
          project.setConfig("allowPasswordRecovery", "true");
        });
        after(async () => {
          project.remove();
          await fx.close();
        });

        it("keeps every other member's root user free of keys, certificates and MFA, with a password-less login profile", async () => {
          await project.up();
          expect((await project.outputs()).memberAccounts).to.deep.equal([MEMBER, MEMBER_2]);
          for (const id of [MEMBER, MEMBER_2]) {
            expect(rootOf(fx, id), id).to.deep.include({ accessKeys: [], signingCertificates: [], mfaDevices: [] });
          }
          expect(rootOf(fx, MEMBER).password, "a set password is kept: it allows recovery too").to.equal(true);
          expect(rootOf(fx, MEMBER_2).recoveryProfile).to.equal(true);
          expect(rootOf(fx, DELEGATED_ADMIN).accessKeys).to.deep.equal(["AKIAROOTSECURITY0001"]);
        });
      });
    });
  });
