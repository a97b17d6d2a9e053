import { expect } from "chai";
import { DisableAWSServiceAccessCommand, EnableAWSServiceAccessCommand } from "@aws-sdk/client-organizations";
import { ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../scripts/harness/engine";
import { IAM_PRINCIPAL, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import type { FaultConfig } from "../../provider/emulator";

const BOTH = ["RootCredentialsManagement", "RootSessions"];

/** A fault injected during one `pulumi up`; the up must succeed, or fail clearly and converge on the next up. */
export interface FaultScenario {
  title: string;
  /** The declaration before the faulty up (none: the faulty up creates). */
  before?: string[];
  declared: string[];
  faults: FaultConfig;
  /** What the user sees if the faulty up fails; undefined when it must succeed. */
  failsWith?: RegExp;
  prepare?: (fx: EmulatorFixture) => Promise<void>;
}

export const FAULT_SCENARIOS: FaultScenario[] = [
  { title: "a burst of throttling", declared: BOTH, faults: { rules: [{ kind: "throttle", count: 3 }] } },
  { title: "HTTP 500 ServiceFailure answers", declared: BOTH, faults: { rules: [{ kind: "serverError", count: 3 }] } },
  { title: "dropped connections", declared: BOTH, faults: { rules: [{ kind: "dropConnection", count: 2 }] } },
  { title: "2 s of latency on each call", declared: BOTH, faults: { rules: [{ kind: "latency", count: 3, ms: 2000 }] } },
  {
    title: "trusted access that has not reached IAM yet",
    declared: BOTH,
    faults: { propagationDelayMs: 10_000 },
    prepare: async (fx) => {
      await fx.organizations.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      await fx.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
    },
  },
  {
    title: "throttling that outlasts the retries",
    declared: BOTH,
    faults: { rules: [{ kind: "throttle", count: 40, operations: ["EnableOrganizationsRootSessions"] }] },
    failsWith:
      /Partly applied to organization o-a1b2c3d4e5: enable RootCredentialsManagement succeeded, then enable RootSessions failed: .*AWS answered Throttling/,
  },
  {
    title: "success then failure half way through an OrganizationsFeatures update",
    before: ["RootSessions"],
    declared: ["RootCredentialsManagement"],
    faults: { rules: [{ kind: "serverError", count: 40, operations: ["DisableOrganizationsRootSessions"] }] },
    failsWith:
      /Partly applied to organization o-a1b2c3d4e5: enable RootCredentialsManagement succeeded, then disable RootSessions failed/,
  },
];

describe("injected AWS faults through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);

  for (const s of FAULT_SCENARIOS) {
    describe(s.title, () => {
      let fx: EmulatorFixture;
      let project: PulumiProject;
      before(async () => {
        fx = await startEmulator();
        project = await PulumiProject.create({
          env: offlineEngineEnv(scratchDir("e2e-faults"), { emulatorUrl: fx.emulator.url, credentials: fx.credentials }),
        });
        if (s.before) {
          await project.setConfig("enabledFeatures", JSON.stringify(s.before));
          await project.up();
        }
        await project.setConfig("enabledFeatures", JSON.stringify(s.declared));
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
