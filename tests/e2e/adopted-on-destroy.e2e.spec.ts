import { expect } from "chai";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { Declaration } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

/**
 * An organization configured before the program: RootSessions on, account 333… registered as IAM delegated
 * administrator, trusted access on. What the program's create adopted, its destroy leaves in place (and says so);
 * what it enabled itself, its destroy removes.
 */
for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("destroy leaves in place what a create adopted", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;
      const org = () => fx.emulator.state().organizations[0]!;
      const admins = () =>
        org()
          .delegatedAdministrators.filter((d) => d.servicePrincipal === IAM_PRINCIPAL)
          .map((d) => d.accountId);

      beforeEach(async () => {
        fx = await startEmulator({ seed: scenarioSeed({ enabledRootFeatures: ["RootSessions"] }) });
        project = await rawProject(fx, { face, key: KEYS.management });
      });
      afterEach(async () => {
        project.remove();
        await fx.close();
      });

      const rootAccess = (args: Record<string, unknown> = {}): Declaration[] => [
        {
          kind: "CentralizedRootAccess",
          name: "root-access",
          args: { delegatedAdministratorAccountId: DELEGATED_ADMIN, ...args },
        },
      ];

      it("keeps adopted features and the adopted delegated administrator on destroy, saying so in the create and the destroy", async () => {
        declare(project, rootAccess());
        const up = flat((await project.up()).stdout);
        expect(up).to.include(
          `OrganizationsFeatures: adopted RootSessions, already enabled in organization ${ORG_ID}; no change made for it; ` +
            "deleting this resource leaves it as it was found",
        );
        expect(up).to.include(`IamDelegatedAdministrator: adopted account ${DELEGATED_ADMIN}`);
        expect(org().enabledRootFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);

        const destroy = flat((await project.destroy()).stdout);
        expect(org().enabledRootFeatures, "what the program enabled is disabled; what it adopted stays").to.deep.equal([
          "RootSessions",
        ]);
        expect(admins()).to.deep.equal([DELEGATED_ADMIN]);
        expect(destroy).to.include(
          `OrganizationsFeatures: leaving RootSessions enabled in organization ${ORG_ID}, because it was so before`,
        );
        expect(destroy).to.include(
          `IamDelegatedAdministrator: leaving account ${DELEGATED_ADMIN} registered in organization ${ORG_ID}, because it was so before`,
        );
      });

      it("removes what it adopted too when removeAdoptedOnDelete is true", async () => {
        declare(project, rootAccess({ removeAdoptedOnDelete: true }));
        await project.up();
        fx.emulator.clearCalls();
        await project.destroy();
        expect(org().enabledRootFeatures).to.deep.equal([]);
        expect(admins()).to.deep.equal([]);
        expect(operations(fx.emulator, { mutatingOnly: true })).to.include.members([
          "DisableOrganizationsRootSessions",
          "DisableOrganizationsRootCredentialsManagement",
          "DeregisterDelegatedAdministrator",
        ]);
      });

      it("never switches trusted access off under features or a delegated administrator that stay, even with disableTrustedAccessOnDelete", async () => {
        declare(project, [
          {
            kind: "CentralizedRootAccess",
            name: "root-access",
            args: { features: ["RootCredentialsManagement"], disableTrustedAccessOnDelete: true },
          },
        ]);
        await project.up();
        const destroy = flat((await project.destroy()).stdout);
        expect(org().trustedServices[IAM_PRINCIPAL], "trusted access stays on").to.not.equal(undefined);
        expect(org().enabledRootFeatures).to.deep.equal(["RootSessions"]);
        expect(destroy).to.include(
          `IamTrustedAccess: leaving trusted access for ${IAM_PRINCIPAL} enabled in organization ${ORG_ID}, because ` +
            `RootSessions (enabled) and account ${DELEGATED_ADMIN} (IAM delegated administrator) still depend on it`,
        );
      });

      it("manages fully what the import option brought in: destroy removes it", async () => {
        declare(project, [{ kind: "RootSessions", name: "root-sessions", opts: { import: ORG_ID } }]);
        await project.up();
        await project.destroy();
        expect(org().enabledRootFeatures).to.deep.equal([]);
      });
    });
  });
