/**
 * S3's REST protocol, path-style only: the operation is the method and the path (`GET /` lists buckets,
 * `GET|PUT|DELETE /<bucket>?policy` reads, sets or deletes a bucket policy, `HEAD /<bucket>` checks a bucket), XML
 * answers, `<Error>` errors, and the request ID in `x-amz-request-id` (the same as `<RequestId>` in an error body).
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "../awsError";
import type { CommonFailure } from "../awsError";
import { xmlEscape } from "./query";
import type { Answer, Request, Wire } from "./wire";

const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** S3 answers every request with a host ID beside its request ID; the emulator's is fixed. */
const HOST_ID = "emulator";

const FAILURES: Record<CommonFailure, (message?: string) => AwsError> = {
  missingAuthentication: (message) => new AwsError("AccessDenied", message ?? "Anonymous users cannot access this resource", 403),
  invalidClientToken: (message) =>
    new AwsError("InvalidAccessKeyId", message ?? "The AWS Access Key Id you provided does not exist in our records.", 403),
  accessDenied: (message) => new AwsError("AccessDenied", message ?? "Access Denied", 403),
  expiredToken: (message) => new AwsError("ExpiredToken", message ?? "The provided token has expired.", 400),
  throttling: (message) => new AwsError("SlowDown", message ?? "Please reduce your request rate.", 503),
  serverError: (message) => new AwsError("InternalError", message ?? "We encountered an internal error. Please try again.", 500),
  bodyTooLarge: (message) =>
    new AwsError("EntityTooLarge", message ?? "Your proposed upload exceeds the maximum allowed size", 400),
  internal: (message) => new AwsError("InternalError", message ?? "The emulator failed to process the request.", 500),
};

/** The operation a method and a path-style path name, and its input; undefined for one the emulator lacks. */
function operationOf(method: string, url: URL, body: string): Request | undefined {
  const [bucket, ...key] = url.pathname
    .split("/")
    .slice(1)
    .filter((p, i) => p !== "" || i === 0);
  if (!bucket) return method === "GET" ? { operation: "ListBuckets", input: {} } : undefined;
  if (key.length > 0) return undefined;
  const Bucket = decodeURIComponent(bucket);
  if (method === "HEAD") return { operation: "HeadBucket", input: { Bucket } };
  if (!url.searchParams.has("policy")) return undefined;
  const operation = { GET: "GetBucketPolicy", PUT: "PutBucketPolicy", DELETE: "DeleteBucketPolicy" }[method];
  if (!operation) return undefined;
  return { operation, input: operation === "PutBucketPolicy" ? { Bucket, Policy: body } : { Bucket } };
}

function listBuckets(result: Record<string, unknown>): string {
  const buckets = (result.Buckets as Array<{ Name: string; CreationDate: string; BucketRegion: string }>) ?? [];
  return (
    `${XML_DECLARATION}<ListAllMyBucketsResult xmlns="${S3_NAMESPACE}">` +
    `<Owner><ID>${xmlEscape(String(result.OwnerId))}</ID></Owner><Buckets>` +
    buckets
      .map(
        (b) =>
          `<Bucket><Name>${xmlEscape(b.Name)}</Name><CreationDate>${b.CreationDate}</CreationDate>` +
          `<BucketRegion>${xmlEscape(b.BucketRegion)}</BucketRegion></Bucket>`,
      )
      .join("") +
    "</Buckets></ListAllMyBucketsResult>"
  );
}

export function restXmlWire(): Wire {
  return {
    contentType: "application/xml",
    requestIdHeaders: (requestId) => ({ "x-amz-request-id": requestId, "x-amz-id-2": HOST_ID }),
    failure: (kind, message) => FAILURES[kind](message),
    parse(req: IncomingMessage, url: URL, body: string): Request {
      const request = operationOf(req.method ?? "GET", url, body);
      if (!request) throw this.unknownOperation(`${req.method} ${url.pathname}${url.search}`);
      return request;
    },
    unknownOperation: (operation) =>
      new AwsError("NotImplemented", `A request the emulator does not implement: ${operation.slice(0, 128)}`, 501),
    encode(operation, result): string | Answer {
      if (operation === "ListBuckets") return listBuckets(result);
      if (operation === "GetBucketPolicy")
        return { body: String(result.Policy), headers: { "content-type": "application/json" } };
      if (operation === "HeadBucket") return { body: "", headers: { "x-amz-bucket-region": String(result.BucketRegion) } };
      // PutBucketPolicy and DeleteBucketPolicy: 204, no body.
      return { status: 204, body: "" };
    },
    encodeError(err, requestId) {
      const bucket = err.extra.BucketName ? `<BucketName>${xmlEscape(err.extra.BucketName)}</BucketName>` : "";
      return (
        `${XML_DECLARATION}<Error><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message>` +
        `${bucket}<RequestId>${requestId}</RequestId><HostId>${HOST_ID}</HostId></Error>`
      );
    },
  };
}
