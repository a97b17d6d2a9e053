import { FAULT_SCENARIOS } from "../faultScenarios";
import { runFaultScenarios } from "./faultsRun";

runFaultScenarios(
  "injected AWS faults that fail an up clearly, then converge, through the real Pulumi CLI",
  FAULT_SCENARIOS.filter((s) => s.failsWith),
);
