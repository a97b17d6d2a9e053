/** Runs fault scenarios end to end through the real CLI; the scenarios are split over two spec files to run in parallel. */
import { expect } from "chai";
import { ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import type { FaultScenario } from "../faultScenarios";

export function runFaultScenarios(title: string, scenarios: FaultScenario[]): void {
  describe(title, function () {
    this.timeout(10 * 60_000);

    for (const s of scenarios) {
      describe(s.title, () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        before(async () => {
          fx = await startEmulator();
          project = await PulumiProject.create({
            env: offlineEngineEnv(scratchDir("e2e-faults"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials }),
          });
          if (s.before) {
            project.setConfig("enabledFeatures", JSON.stringify(s.before));
            await project.up();
          }
          project.setConfig("enabledFeatures", JSON.stringify(s.declared));
        });
        after(async () => {
          project?.remove();
          await fx?.close();
        });

        it(s.failsWith ? "fails the up with a clear error" : "still succeeds", async () => {
          fx.emulator.setFaults(s.faults);
          await s.prepare?.(fx);
          const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
          if (s.failsWith) {
            expect(up.code).to.not.equal(0);
            expect(up.stdout.replace(/\s+/g, " ")).to.match(s.failsWith);
          } else {
            expect(up.code, up.output).to.equal(0);
          }
          const injected = fx.emulator.calls().filter((c) => c.fault || c.errorCode === "ServiceAccessNotEnabledException");
          expect(injected.length, "the fault was really injected").to.be.greaterThan(0);
        });

        it("converges on the next up: live state, Pulumi state and the program agree", async () => {
          fx.emulator.setFaults({ rules: [] });
          await project.up();
          const live = (await fx.iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures;
          expect(live).to.deep.equal([...s.declared].sort());
          const [resource] = await project.resources(":OrganizationsFeatures");
          expect(resource!.outputs.enabledFeatures).to.deep.equal(live);
          expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
        });
      });
    }
  });
}
