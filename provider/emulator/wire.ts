/**
 * The two AWS wire protocols the emulator speaks: Query (IAM, STS: form in, XML out) and JSON 1.1 (Organizations).
 */
import { randomUUID } from "node:crypto";

/** An error the emulator answers with, shaped by the protocol of the service it came from. */
export class AwsError extends Error {
  override readonly name = "AwsError";
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Query protocol only: who is at fault. */
    readonly type: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
    /** JSON protocol extras, e.g. ConstraintViolationException's Reason. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

/** A value in a Query response: a string, a list (rendered as `<member>` items) or a nested structure. */
export type XmlValue = string | XmlValue[] | { [key: string]: XmlValue };

export function toXml(value: XmlValue): string {
  if (typeof value === "string") return xmlEscape(value);
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join("");
  return Object.entries(value)
    .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
    .join("");
}

export function queryResponse(action: string, namespace: string, result: { [key: string]: XmlValue }): string {
  return (
    `<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  );
}

export function queryError(err: AwsError, namespace: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${err.type}</Type><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId>` +
    `</ErrorResponse>`
  );
}

export function jsonError(err: AwsError): string {
  return JSON.stringify({ __type: err.code, Message: err.message, ...err.extra });
}

/** Parses an `application/x-www-form-urlencoded` body strictly: a malformed escape is the caller's error. */
export function parseForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  if (body.length === 0) return params;
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    try {
      params.set(decodeURIComponent(rawKey.replace(/\+/g, " ")), decodeURIComponent(rawValue.replace(/\+/g, " ")));
    } catch {
      throw new AwsError("MalformedQueryString", `Malformed form parameter: ${pair.slice(0, 64)}`);
    }
  }
  return params;
}

export interface SigV4Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** Reads the credential scope from a SigV4 `Authorization` header; null when the header is absent or not SigV4. */
export function parseAuthorization(header: string | undefined): SigV4Credential | null {
  if (!header) return null;
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,/.exec(header);
  if (!m) return null;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}

/** AWS JSON protocols send timestamps as epoch seconds. */
export function epochSeconds(ms = Date.now()): number {
  return Math.floor(ms / 1000);
}
