/** The injected-fault scenarios run end to end by tests/e2e/faults.e2e.spec.ts and faults-that-fail.e2e.spec.ts, and counted in docs/reliability.md. */
import { DisableAWSServiceAccessCommand, EnableAWSServiceAccessCommand } from "@aws-sdk/client-organizations";
import { IAM_PRINCIPAL } from "./fixtures";
import type { EmulatorFixture } from "./fixtures";
import type { FaultConfig } from "../emulator";

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
