/**
 * A local emulator of the AWS APIs the package calls: IAM's centralized root access operations, AWS Organizations
 * and STS. `import { start } from "pulumi-aws-root-access/emulator"`.
 */
export { start, MAX_BODY_BYTES } from "./server";
export type { EmulatorOptions, RunningEmulator } from "./server";
export { CONTROL_PREFIX } from "./control";
export type { CallRecord } from "./callLog";
export type { ServiceName } from "./services";
export { defaultState, parseState, SeedError, DEFAULT_ORGANIZATION_ID, DEFAULT_MANAGEMENT_ACCOUNT_ID } from "./state";
export type { EmulatorState, Organization, Account, AccessKey } from "./state";
export type { FaultConfig, FaultRule } from "./faults";
