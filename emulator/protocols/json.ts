/**
 * The JSON protocols: 1.1 (Organizations) and 1.0 (SQS). `X-Amz-Target: <prefix>.<Operation>`, a JSON body,
 * `__type` errors; SQS's errors also carry their Query-protocol code in `x-amzn-query-error`, as SQS sends them.
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "../awsError";
import type { CommonFailure } from "../awsError";
import { mediaType } from "./query";
import type { Request, Wire } from "./wire";

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

const FAILURES: Record<CommonFailure, (message?: string) => AwsError> = {
  missingAuthentication: (message) =>
    new AwsError("MissingAuthenticationTokenException", message ?? "Request is missing Authentication Token", 403),
  invalidClientToken: (message) =>
    new AwsError("UnrecognizedClientException", message ?? "The security token included in the request is invalid.", 400),
  accessDenied: (message) =>
    new AwsError("AccessDeniedException", message ?? "You don't have permissions to access this resource."),
  expiredToken: (message) =>
    new AwsError("ExpiredTokenException", message ?? "The security token included in the request is expired", 400),
  throttling: (message) =>
    new AwsError("TooManyRequestsException", message ?? "You have sent too many requests in too short a period of time."),
  serverError: (message) =>
    new AwsError(
      "ServiceException",
      message ?? "AWS Organizations can't complete your request because of an internal service error.",
      500,
    ),
  bodyTooLarge: (message) => new AwsError("SerializationException", message ?? "Request body is too large.", 413),
  internal: (message) => new AwsError("ServiceException", message ?? "The emulator failed to process the request.", 500),
};

/** How a JSON service differs from Organizations' JSON 1.1. */
export interface JsonDialect {
  contentType: string;
  failures: Record<CommonFailure, (message?: string) => AwsError>;
  /** The `__type` of an error code, e.g. `com.amazonaws.sqs#QueueDoesNotExist`. */
  typeOf(code: string): string;
  /** The `x-amzn-query-error` header of an error, for services that also speak the Query protocol. */
  queryError?(err: AwsError): string;
}

const ORGANIZATIONS_DIALECT: JsonDialect = { contentType: JSON_CONTENT_TYPE, failures: FAILURES, typeOf: (code) => code };

/** A JSON service, addressed by its target prefix (e.g. `AWSOrganizationsV20161128.`). */
export function jsonWire(targetPrefix: string, dialect: JsonDialect = ORGANIZATIONS_DIALECT): Wire {
  const { contentType } = dialect;
  return {
    contentType,
    failure: (kind, message) => dialect.failures[kind](message),
    parse(req: IncomingMessage, _url: URL, body: string): Request {
      const target = String(req.headers["x-amz-target"] ?? "");
      if (!target.startsWith(targetPrefix))
        throw new AwsError("UnknownOperationException", `Unknown target ${target.slice(0, 128)}`);
      const operation = target.slice(targetPrefix.length);
      const type = mediaType(req);
      if (type !== contentType) {
        throw new AwsError("SerializationException", `Unsupported content type ${type || "none"}; expected ${contentType}`);
      }
      let input: unknown;
      try {
        input = body.trim() === "" ? {} : JSON.parse(body);
      } catch {
        throw new AwsError("SerializationException", "Request body is not valid JSON.");
      }
      if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new AwsError("SerializationException", "Request body must be a JSON object.");
      }
      return { operation, input: input as Record<string, unknown> };
    },
    unknownOperation: (operation) => new AwsError("UnknownOperationException", `Unknown operation ${operation.slice(0, 128)}`),
    encode: (_operation, result) => JSON.stringify(result),
    encodeError(err) {
      const body = JSON.stringify({ __type: dialect.typeOf(err.code), Message: err.message, ...err.extra });
      const query = dialect.queryError?.(err);
      return query ? { body, headers: { "x-amzn-query-error": query } } : body;
    },
  };
}
