import { expect } from "chai";
import { DisableAWSServiceAccessCommand } from "@aws-sdk/client-organizations";
import { IAM_PRINCIPAL, KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

/** How long IAM keeps answering ServiceAccessNotEnabled after trusted access comes back: tens of seconds, as in AWS. */
const PROPAGATION_MS = 20_000;

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("IAM trusted access switched off in the console while IamTrustedAccess is declared", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: scenarioSeed() });
        project = await rawProject(fx, { face, key: KEYS.management });
        declare(project, [{ kind: "CentralizedRootAccess", name: "root-access" }]);
        await project.up();
        await fx
          .clientsFor(KEYS.management)
          .organizations.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
        fx.emulator.setFaults({ propagationDelayMs: PROPAGATION_MS });
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("previews a pending update of both resources, with a note instead of an error", async () => {
        const preview = await project.preview([], true);
        expect(preview.code, preview.output).to.equal(0);
        expect(preview.stdout).to.match(/~ 2 to update/);
        expect(flat(preview.stdout)).to.include(
          `OrganizationsFeatures in organization ${ORG_ID}: IAM cannot report the features while trusted access for IAM is off`,
        );
      });

      it("heals in one up: trusted access first, then the features wait for IAM to see it", async () => {
        fx.emulator.clearCalls();
        const up = await project.up();
        expect(flat(up.stdout)).to.include(
          "IAM trusted access is enabled in AWS Organizations but IAM does not see it yet; waiting",
        );
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["EnableAWSServiceAccess"]);
        const org = fx.emulator.state().organizations[0]!;
        expect(IAM_PRINCIPAL in org.trustedServices).to.equal(true);
        expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      });
    });
  });
