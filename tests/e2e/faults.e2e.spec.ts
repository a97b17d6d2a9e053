import { FAULT_SCENARIOS } from "../faultScenarios";
import { runFaultScenarios } from "./faultsRun";

runFaultScenarios(
  "injected AWS faults absorbed within one up, through the real Pulumi CLI",
  FAULT_SCENARIOS.filter((s) => !s.failsWith),
);
