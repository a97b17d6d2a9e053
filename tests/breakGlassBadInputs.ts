/**
 * Wrong break-glass commands, shared by the unit tests of the command line and the integration tests of the
 * functions against the emulator (which must see no call), and counted in docs/reliability.md.
 */
import { MEMBER, MEMBER_2 } from "./fixtures";

/** One wrong command: its arguments, and how the refusal must read. */
export interface BreakGlassBadInput {
  title: string;
  argv: string[];
  reason: RegExp;
}

const S3 = ["unlock", "s3", "--account", MEMBER];
const SQS = ["unlock", "sqs", "--account", MEMBER];

export const BREAK_GLASS_BAD_INPUTS: BreakGlassBadInput[] = [
  { title: "a bucket name with capitals", argv: [...S3, "--bucket", "My-Bucket"], reason: /bucket must be an S3 bucket name/ },
  { title: "a bucket name of two characters", argv: [...S3, "--bucket", "ab"], reason: /3 to 63 lowercase letters/ },
  {
    title: "a bucket name shaped like an IP address",
    argv: [...S3, "--bucket", "192.168.0.1"],
    reason: /bucket must be an S3 bucket name/,
  },
  { title: "a bucket name ending in a hyphen", argv: [...S3, "--bucket", "logs-"], reason: /bucket must be an S3 bucket name/ },
  { title: "a missing bucket", argv: [...S3], reason: /bucket must be an S3 bucket name: .*, got undefined/ },
  { title: "a queue name with a space", argv: [...SQS, "--queue", "my queue"], reason: /queue must be a queue name/ },
  { title: "a queue name of 81 characters", argv: [...SQS, "--queue", "q".repeat(81)], reason: /queue must be a queue name/ },
  {
    title: "a queue URL of another account",
    argv: [...SQS, "--queue", `https://sqs.us-east-1.amazonaws.com/${MEMBER_2}/orders`],
    reason: new RegExp(`belongs to account ${MEMBER_2}, not to accountId "${MEMBER}"`),
  },
  {
    title: "a queue URL without an account",
    argv: [...SQS, "--queue", "https://sqs.us-east-1.amazonaws.com/orders"],
    reason: /queue must be a queue URL such as/,
  },
  {
    title: "an account ID of 11 digits",
    argv: ["unlock", "s3", "--account", "12345678901", "--bucket", "logs"],
    reason: /--account must be a 12-digit AWS account ID/,
  },
  {
    title: "a missing account",
    argv: ["unlock", "sqs", "--queue", "orders"],
    reason: /--account must be a 12-digit AWS account ID, got undefined/,
  },
  {
    title: "--accounts with a short ID",
    argv: ["locked", "--accounts", "2222,222222222222"],
    reason: /accounts\[0\] must be a 12-digit AWS account ID, got "2222"/,
  },
  {
    title: "--accounts listing an ID twice",
    argv: ["locked", "--accounts", `${MEMBER},${MEMBER}`],
    reason: /accounts\[1\]: 222222222222 is listed more than once/,
  },
  {
    title: "--accounts empty",
    argv: ["locked", "--accounts", ""],
    reason: /accounts\[0\] must be a 12-digit AWS account ID, got ""/,
  },
  { title: "an unknown format", argv: ["locked", "--format", "yaml"], reason: /format must be one of table, json, csv/ },
  {
    title: "a concurrency of 0",
    argv: ["locked", "--concurrency", "0"],
    reason: /concurrency must be a whole number from 1 to 64/,
  },
  { title: "--yes with a value", argv: [...S3, "--bucket", "logs", "--yes=no"], reason: /--yes takes no value/ },
  {
    title: "unlock of another service",
    argv: ["unlock", "dynamodb", "--account", MEMBER],
    reason: /unlock needs "s3" or "sqs", got "dynamodb"/,
  },
];
