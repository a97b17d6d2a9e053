/** What a wire protocol does for the server: read a request, and write an answer or an error in its own shape. */
import type { IncomingMessage } from "node:http";
import type { AwsError, CommonFailure } from "../awsError";

/** A request as a handler sees it: the operation and its parameters, whatever the protocol. */
export interface Request {
  operation: string;
  input: Record<string, unknown>;
}

export interface Wire {
  contentType: string;
  /** Reads the operation and its input; throws AwsError for a request the protocol itself refuses. */
  parse(req: IncomingMessage, url: URL, body: string): Request;
  /** The error for an operation the service does not have. */
  unknownOperation(operation: string): AwsError;
  /** How this protocol's services spell a failure common to every operation. */
  failure(kind: CommonFailure, message?: string): AwsError;
  encode(operation: string, result: Record<string, unknown>, requestId: string): string;
  encodeError(err: AwsError, requestId: string): string;
}
