/**
 * A local emulator of the IAM organization-feature APIs and the AWS Organizations APIs they depend on.
 * `import { start } from "pulumi-aws-root-access/emulator"`.
 */
export { start, MAX_BODY_BYTES, CONTROL_PREFIX } from "./server";
export type { CallRecord, EmulatorOptions, RunningEmulator, Service } from "./server";
export { defaultState, parseState, SeedError, DEFAULT_ORGANIZATION_ID, DEFAULT_MANAGEMENT_ACCOUNT_ID } from "./model";
export type { EmulatorState, Organization, Account, AccessKey } from "./model";
export type { FaultConfig, FaultRule } from "./faults";
