/** What a wire protocol does for the server: read a request, and write an answer or an error in its own shape. */
import type { IncomingMessage } from "node:http";
import type { AwsError, CommonFailure } from "../awsError";

/** A request as a handler sees it: the operation and its parameters, whatever the protocol. */
export interface Request {
  operation: string;
  input: Record<string, unknown>;
}

/** An answer a protocol shapes beyond its body: another status (S3's 204), headers (SQS's query error code). */
export interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface Wire {
  contentType: string;
  /** The headers that carry the request ID; `x-amzn-requestid` unless the protocol says otherwise. */
  requestIdHeaders?(requestId: string): Record<string, string>;
  /** Reads the operation and its input; throws AwsError for a request the protocol itself refuses. */
  parse(req: IncomingMessage, url: URL, body: string): Request;
  /** The error for an operation the service does not have. */
  unknownOperation(operation: string): AwsError;
  /** How this protocol's services spell a failure common to every operation. */
  failure(kind: CommonFailure, message?: string): AwsError;
  encode(operation: string, result: Record<string, unknown>, requestId: string): string | Answer;
  encodeError(err: AwsError, requestId: string): string | Answer;
}

/** An encoded answer as the server sends it: the status, the body and any headers. */
export function answerOf(
  encoded: string | Answer,
  status: number,
): { status: number; body: string; headers?: Record<string, string> } {
  if (typeof encoded === "string") return { status, body: encoded };
  return { status: encoded.status ?? status, body: encoded.body, ...(encoded.headers ? { headers: encoded.headers } : {}) };
}
