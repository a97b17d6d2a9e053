/**
 * The Query protocol (IAM, STS): form-encoded `Action`/`Version` parameters in, XML out, `<ErrorResponse>` errors.
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "../awsError";
import type { CommonFailure } from "../awsError";
import type { Request, Wire } from "./wire";

/** A map in a Query response, rendered as `<entry><key/><value/></entry>` items (IAM's SummaryMap). */
export class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

/** A value in a Query response: a string, a number, a list (rendered as `<member>` items), a map or a structure. */
export type XmlValue = string | number | boolean | XmlMap | XmlValue[] | { [key: string]: XmlValue };

/** Characters XML 1.0 cannot carry, even escaped (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const NOT_XML_1_0 =
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!)
    .replace(NOT_XML_1_0, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function toXml(value: XmlValue): string {
  if (typeof value === "string") return xmlEscape(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join("");
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${toXml(v)}</value></entry>`)
      .join("");
  }
  return Object.entries(value)
    .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
    .join("");
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

/** The lower-cased media type of a request, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
}

const FAILURES: Record<CommonFailure, (message?: string) => AwsError> = {
  missingAuthentication: (message) =>
    new AwsError("MissingAuthenticationToken", message ?? "Request is missing Authentication Token", 403),
  invalidClientToken: (message) =>
    new AwsError("InvalidClientTokenId", message ?? "The security token included in the request is invalid.", 403),
  accessDenied: (message) => new AwsError("AccessDenied", message ?? "Access denied", 403),
  expiredToken: (message) =>
    new AwsError("ExpiredToken", message ?? "The security token included in the request is expired", 403),
  throttling: (message) => new AwsError("Throttling", message ?? "Rate exceeded", 400),
  serverError: (message) =>
    new AwsError(
      "ServiceFailure",
      message ?? "The request processing has failed because of an unknown error, exception or failure.",
      500,
    ),
  bodyTooLarge: (message) => new AwsError("RequestEntityTooLarge", message ?? "Request body is too large.", 413),
  internal: (message) => new AwsError("InternalFailure", message ?? "The emulator failed to process the request.", 500),
};

/** A Query service: its API version and XML namespace. */
export function queryWire(version: string, namespace: string): Wire {
  return {
    contentType: "text/xml",
    failure: (kind, message) => FAILURES[kind](message),
    parse(req: IncomingMessage, url: URL, body: string): Request {
      let params: Map<string, string>;
      if (req.method === "GET") {
        params = new Map(url.searchParams);
      } else if (req.method === "POST") {
        const type = mediaType(req);
        if (type !== "application/x-www-form-urlencoded") {
          throw new AwsError(
            "InvalidParameterValue",
            `Unsupported content type: ${type || "none"}; expected application/x-www-form-urlencoded`,
          );
        }
        params = parseForm(body);
      } else {
        throw new AwsError("InvalidAction", `Method ${req.method ?? ""} is not supported.`, 405);
      }
      const action = params.get("Action");
      if (!action) throw new AwsError("MissingAction", "Missing Action");
      const given = params.get("Version");
      if (given !== version) {
        throw new AwsError("InvalidAction", `Could not find operation ${action} for version ${given ?? "NO_VERSION_SPECIFIED"}`);
      }
      return { operation: action, input: Object.fromEntries(params) };
    },
    unknownOperation: (operation) =>
      new AwsError("InvalidAction", `Could not find operation ${operation} for version ${version}`),
    encode(operation, result, requestId) {
      return (
        `<${operation}Response xmlns="${namespace}">` +
        `<${operation}Result>${toXml(result as XmlValue)}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
        `</${operation}Response>`
      );
    },
    encodeError(err, requestId) {
      return (
        `<ErrorResponse xmlns="${namespace}">` +
        `<Error><Type>${err.type}</Type><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId>` +
        `</ErrorResponse>`
      );
    },
  };
}
