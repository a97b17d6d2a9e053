/**
 * The package's typed errors, by concern. Every message says what is wrong, for which organization when known, and
 * the exact fix. AWS error names are matched in `awsNames.ts` only.
 */
export * from "./base";
export * from "./organization";
export * from "./declaration";
export * from "./changes";
export * from "./delegatedAdministrator";
export * from "./rootSessions";
export * from "./breakGlass";
export * from "./request";
export * from "./awsNames";
export * from "./redaction";
export * from "./presentation";
