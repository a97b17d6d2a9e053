import { expect } from "chai";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, KEYS, MEMBER, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";
import { MAX_ATTEMPTS } from "../../provider/aws";

const registered = (fx: EmulatorFixture): string[] =>
  fx.emulator
    .state()
    .organizations[0]!.delegatedAdministrators.filter((d) => d.servicePrincipal === IAM_PRINCIPAL)
    .map((d) => d.accountId);

/** IAM's documentation states no limit on delegated administrators, so both an open and a one-account limit are run. */
const LIMITS = [
  { title: "when IAM accepts several delegated administrators", limit: undefined },
  { title: "when IAM accepts only one delegated administrator", limit: 1 },
];

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    for (const { title, limit } of LIMITS) {
      describe(`changing the IAM delegated administrator from account A to account B, ${title}`, function () {
        this.timeout(10 * 60_000);
        let fx: EmulatorFixture;
        let project: PulumiProject;
        const admin = (accountId: string) => [{ kind: "IamDelegatedAdministrator", name: "security", args: { accountId } }];

        before(async () => {
          const seed = scenarioSeed();
          const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
          org.delegatedAdministrators = [];
          if (limit) org.delegatedAdministratorLimits = { [IAM_PRINCIPAL]: limit };
          fx = await startEmulator({ seed });
          project = await rawProject(fx, { face, key: KEYS.management });
          declare(project, admin(MEMBER));
          await project.up();
          expect(registered(fx)).to.deep.equal([MEMBER]);
        });
        after(async () => {
          project?.remove();
          await fx?.close();
        });

        it("registers B and deregisters A in one up, ending with only B registered", async () => {
          declare(project, admin(DELEGATED_ADMIN));
          fx.emulator.clearCalls();
          const up = await project.up();
          expect(registered(fx)).to.deep.equal([DELEGATED_ADMIN]);
          expect(operations(fx.emulator, { mutatingOnly: true })).to.include.members([
            "RegisterDelegatedAdministrator",
            "DeregisterDelegatedAdministrator",
          ]);
          if (limit) {
            expect(flat(up.stdout)).to.include(
              `IAM accepts no further delegated administrator in organization ${ORG_ID}, so account ${MEMBER} is ` +
                `deregistered first, then account ${DELEGATED_ADMIN} registered`,
            );
          }
          const [resource] = await project.resources(":IamDelegatedAdministrator");
          expect(resource!.outputs).to.include({ accountId: DELEGATED_ADMIN, registered: true, organizationId: ORG_ID });
        });

        it("keeps B in state after a refresh, which reports no change", async () => {
          const refresh = await project.pulumi(["refresh", "--yes", "--expect-no-changes"], { allowFailure: true });
          expect(refresh.code, refresh.output).to.equal(0);
          const [resource] = await project.resources(":IamDelegatedAdministrator");
          expect(resource!.outputs).to.include({ accountId: DELEGATED_ADMIN, registered: true });
        });

        it("shows B deregistered in the console as drift in a plain preview, and up registers it again", async () => {
          await fx.clientsFor(KEYS.management).organizations.send(
            new (await import("@aws-sdk/client-organizations")).DeregisterDelegatedAdministratorCommand({
              AccountId: DELEGATED_ADMIN,
              ServicePrincipal: IAM_PRINCIPAL,
            }),
          );
          const preview = await project.preview();
          expect(preview.stdout).to.match(/~ 1 to update/);
          expect(flat(preview.stdout)).to.include(`account ${DELEGATED_ADMIN} is not registered`);
          await project.up();
          expect(registered(fx)).to.deep.equal([DELEGATED_ADMIN]);
        });

        it("deregisters B on destroy, leaving no delegated administrator behind", async () => {
          fx.emulator.clearCalls();
          await project.destroy();
          expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DeregisterDelegatedAdministrator"]);
          expect(registered(fx)).to.deep.equal([]);
        });
      });
    }

    describe("a delegated administrator change that cannot complete", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        const seed = scenarioSeed();
        const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
        org.delegatedAdministrators = [];
        org.delegatedAdministratorLimits = { [IAM_PRINCIPAL]: 1 };
        fx = await startEmulator({ seed });
        project = await rawProject(fx, { face, key: KEYS.management });
        declare(project, [{ kind: "IamDelegatedAdministrator", name: "security", args: { accountId: MEMBER } }]);
        await project.up();
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("puts A back when B cannot be registered after A made room, and says so", async () => {
        declare(project, [{ kind: "IamDelegatedAdministrator", name: "security", args: { accountId: DELEGATED_ADMIN } }]);
        // The first Register meets the limit; the second (B, after A made room) fails every SDK attempt; the third (A again)
        // goes through.
        fx.emulator.setFaults({
          rules: [{ kind: "serverError", count: MAX_ATTEMPTS, operations: ["RegisterDelegatedAdministrator"], after: 1 }],
        });
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code).to.not.equal(0);
        expect(flat(up.stdout)).to.include(`account ${MEMBER} was registered again, as before`);
        fx.emulator.setFaults({ rules: [] });
        expect(registered(fx)).to.deep.equal([MEMBER]);
        await project.up();
        expect(registered(fx)).to.deep.equal([DELEGATED_ADMIN]);
      });
    });

    describe("a delegated administrator registered outside the program", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: scenarioSeed() });
        project = await rawProject(fx, { face, key: KEYS.management });
        declare(project, [{ kind: "IamDelegatedAdministrator", name: "security", args: { accountId: DELEGATED_ADMIN } }]);
        await project.up();
        expect(registered(fx)).to.deep.equal([DELEGATED_ADMIN]);
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("is drift named in a plain preview, and the next up deregisters it, leaving the declared account", async () => {
        await fx.clientsFor(KEYS.management).organizations.send(
          new (await import("@aws-sdk/client-organizations")).RegisterDelegatedAdministratorCommand({
            AccountId: MEMBER,
            ServicePrincipal: IAM_PRINCIPAL,
          }),
        );
        const preview = await project.preview(["--expect-no-changes"], true);
        expect(preview.code, "--expect-no-changes fails").to.not.equal(0);
        expect(flat(preview.stdout)).to.include(
          `IamDelegatedAdministrator drift in organization ${ORG_ID}: account ${MEMBER} is registered as IAM delegated ` +
            `administrator but not declared; \`pulumi up\` will deregister account ${MEMBER}.`,
        );
        await project.up();
        expect(registered(fx)).to.deep.equal([DELEGATED_ADMIN]);
        expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      });
    });
  });
