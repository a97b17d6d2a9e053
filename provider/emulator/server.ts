/**
 * The emulator's HTTP front: one port on 127.0.0.1 for IAM and STS (Query), Organizations (JSON 1.1) and a small
 * control endpoint under `/__emulator/`. It identifies the caller from the SigV4 header, applies injected faults
 * and the optional permission mode, records every call, and persists state when asked to.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  AwsError,
  IAM_NAMESPACE,
  STS_NAMESPACE,
  jsonError,
  parseAuthorization,
  parseForm,
  queryError,
  queryResponse,
} from "./wire";
import { World } from "./world";
import type { Caller } from "./world";
import { defaultState, parseState } from "./model";
import type { EmulatorState } from "./model";
import { handleIam, isIamAction } from "./iam";
import { handleOrganizations } from "./organizations";
import { STS_ACTIONS, handleSts } from "./sts";
import { FaultPlan, parseFaults } from "./faults";
import type { FaultConfig } from "./faults";

export const MAX_BODY_BYTES = 64 * 1024;
export const CONTROL_PREFIX = "/__emulator/";
const ORGANIZATIONS_TARGET_PREFIX = "AWSOrganizationsV20161128.";
const IAM_VERSION = "2010-05-08";
const STS_VERSION = "2011-06-15";

export type Service = "iam" | "organizations" | "sts";

/** One AWS call as the emulator saw it; `accountId` is the caller's account (never the access key). */
export interface CallRecord {
  seq: number;
  service: Service | "unknown";
  operation: string;
  accountId?: string;
  status: number;
  errorCode?: string;
  fault?: string;
  /** Milliseconds since the emulator started, when the request arrived. */
  startedAt: number;
  /** How long the emulator took to answer (including injected latency). */
  durationMs: number;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Initial world; the default organization when absent. */
  seed?: unknown;
  /** Persist state here after every change and load it at start when it exists. */
  stateFile?: string;
  faults?: FaultConfig;
}

export interface RunningEmulator {
  url: string;
  port: number;
  calls(): CallRecord[];
  clearCalls(): void;
  state(): EmulatorState;
  setState(state: unknown): void;
  setFaults(faults: FaultConfig): void;
  /** Key IDs, secrets and session tokens minted by AssumeRole so far (in memory only). */
  mintedCredentials(): string[];
  close(): Promise<void>;
}

const READ_ONLY = /^(List|Describe|Get)/;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const stateFile = options.stateFile;
  const initial =
    stateFile && existsSync(stateFile)
      ? parseState(JSON.parse(readFileSync(stateFile, "utf8")))
      : options.seed === undefined
        ? defaultState()
        : parseState(options.seed);
  const world = new World(initial);
  const faults = new FaultPlan();
  const seedFaults = (options.seed as { faults?: unknown } | undefined)?.faults ?? options.faults;
  if (seedFaults !== undefined) applyFaults(seedFaults);
  const log: CallRecord[] = [];
  let seq = 0;

  function applyFaults(raw: unknown): void {
    const parsed = parseFaults(raw);
    faults.set(parsed.rules);
    world.propagationDelayMs = parsed.propagationDelayMs;
  }

  function persist(): void {
    if (!stateFile) return;
    const tmp = `${stateFile}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify(world.state, null, 2));
    renameSync(tmp, stateFile);
  }

  const startedAt = performance.now();
  type Entry = Omit<CallRecord, "seq" | "startedAt" | "durationMs">;
  function record(entry: Entry, arrivedAt = performance.now()): void {
    seq += 1;
    const now = performance.now();
    log.push({ seq, ...entry, startedAt: Math.round(arrivedAt - startedAt), durationMs: Math.round(now - arrivedAt) });
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Last line of defence: a bug answers 500 in AWS shape instead of killing the emulator.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/xml" });
        res.end(queryError(new AwsError("InternalFailure", `emulator error: ${String(err)}`, 500), IAM_NAMESPACE));
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      await control(req, res, url.pathname.slice(CONTROL_PREFIX.length));
      return;
    }
    const target = req.headers["x-amz-target"];
    const isJson = typeof target === "string";
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      const err = new AwsError(
        isJson ? "SerializationException" : "RequestEntityTooLarge",
        `Request body exceeds ${MAX_BODY_BYTES} bytes.`,
        413,
      );
      record({ service: "unknown", operation: "unknown", status: 413, errorCode: err.code });
      res.writeHead(413, { "content-type": isJson ? "application/x-amz-json-1.1" : "text/xml", connection: "close" });
      res.end(isJson ? jsonError(err) : queryError(err, IAM_NAMESPACE));
      return;
    }
    const answer = isJson ? await organizationsCall(req, target, body, res) : await queryCall(req, url, body, res);
    if (!answer) return; // connection dropped on purpose
    res.writeHead(answer.status, {
      "content-type": answer.contentType,
      "x-amzn-requestid": randomUUID(),
      "content-length": Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  }

  /** Runs one call through identity, faults and permissions; returns null when the connection was dropped. */
  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    service: Service,
    operation: string,
    run: (caller: Caller) => string,
    render: (err: AwsError) => string,
    contentType: string,
  ): Promise<Answer | null> {
    const arrivedAt = performance.now();
    const fail = (err: AwsError, accountId?: string, fault?: string): Answer => {
      const entry: Entry = { service, operation, status: err.status, errorCode: err.code };
      if (accountId) entry.accountId = accountId;
      if (fault) entry.fault = fault;
      record(entry, arrivedAt);
      return { status: err.status, contentType, body: render(err) };
    };
    const credential = parseAuthorization(req.headers.authorization);
    if (!credential) {
      const code = service === "organizations" ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken";
      return fail(new AwsError(code, "Request is missing Authentication Token", 403));
    }
    let caller: Caller;
    try {
      caller = world.callerFor(credential.accessKeyId);
    } catch (e) {
      if (e instanceof AwsError) {
        return fail(service === "organizations" ? new AwsError("UnrecognizedClientException", e.message, 400) : e);
      }
      throw e;
    }
    const decision = faults.decide(operation);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    switch (decision.failure) {
      case "dropConnection":
        record({ service, operation, accountId: caller.accountId, status: 0, fault: "dropConnection" }, arrivedAt);
        res.socket?.destroy();
        return null;
      case "throttle":
        return fail(
          service === "organizations"
            ? new AwsError("TooManyRequestsException", "You have sent too many requests in too short a period of time.")
            : new AwsError("Throttling", "Rate exceeded", 400),
          caller.accountId,
          "throttle",
        );
      case "serverError":
        return fail(
          service === "organizations"
            ? new AwsError(
                "ServiceException",
                "AWS Organizations can't complete your request because of an internal service error.",
                500,
              )
            : new AwsError(
                "ServiceFailure",
                "The request processing has failed because of an unknown error, exception or failure.",
                500,
              ),
          caller.accountId,
          "serverError",
        );
    }
    if (caller.allowedActions && !caller.allowedActions.includes(`${service}:${operation}`)) {
      const message = `User: arn:aws:iam::${caller.accountId}:user/emulated is not authorized to perform: ${service}:${operation}`;
      return fail(
        service === "organizations" ? new AwsError("AccessDeniedException", message) : new AwsError("AccessDenied", message, 403),
        caller.accountId,
      );
    }
    try {
      const body = run(caller);
      record(
        { service, operation, accountId: caller.accountId, status: 200, ...(decision.latencyMs > 0 ? { fault: "latency" } : {}) },
        arrivedAt,
      );
      if (!READ_ONLY.test(operation)) persist();
      return { status: 200, contentType, body };
    } catch (e) {
      if (e instanceof AwsError) return fail(e, caller.accountId);
      throw e;
    }
  }

  async function queryCall(req: IncomingMessage, url: URL, body: string, res: ServerResponse): Promise<Answer | null> {
    const scope = parseAuthorization(req.headers.authorization)?.service;
    const service: Service = scope === "sts" ? "sts" : "iam";
    const namespace = service === "sts" ? STS_NAMESPACE : IAM_NAMESPACE;
    const reject = (err: AwsError, operation = "unknown"): Answer => {
      record({ service, operation, status: err.status, errorCode: err.code });
      return { status: err.status, contentType: "text/xml", body: queryError(err, namespace) };
    };
    let params: Map<string, string>;
    try {
      if (req.method === "GET") {
        params = new Map(url.searchParams);
      } else if (req.method === "POST") {
        const type = String(req.headers["content-type"] ?? "")
          .split(";")[0]!
          .trim()
          .toLowerCase();
        if (type !== "application/x-www-form-urlencoded") {
          return reject(
            new AwsError(
              "InvalidParameterValue",
              `Unsupported content type: ${type || "none"}; expected application/x-www-form-urlencoded`,
            ),
          );
        }
        params = parseForm(body);
      } else {
        return reject(new AwsError("InvalidAction", `Method ${req.method ?? ""} is not supported.`, 405));
      }
    } catch (e) {
      if (e instanceof AwsError) return reject(e);
      throw e;
    }
    const action = params.get("Action");
    if (!action) return reject(new AwsError("MissingAction", "Missing Action"));
    const version = params.get("Version");
    const expected = service === "sts" ? STS_VERSION : IAM_VERSION;
    const known = service === "sts" ? STS_ACTIONS.includes(action) : isIamAction(action);
    if (version !== expected || !known) {
      return reject(
        new AwsError("InvalidAction", `Could not find operation ${action} for version ${version ?? "NO_VERSION_SPECIFIED"}`),
        action,
      );
    }
    return dispatch(
      req,
      res,
      service,
      action,
      (caller) =>
        queryResponse(
          action,
          namespace,
          service === "sts" ? handleSts(world, caller, action, params) : handleIam(world, caller, action as never),
        ),
      (err) => queryError(err, namespace),
      "text/xml",
    );
  }

  async function organizationsCall(
    req: IncomingMessage,
    target: string,
    body: string,
    res: ServerResponse,
  ): Promise<Answer | null> {
    const contentType = "application/x-amz-json-1.1";
    const reject = (err: AwsError, operation = "unknown"): Answer => {
      record({ service: "organizations", operation, status: err.status, errorCode: err.code });
      return { status: err.status, contentType, body: jsonError(err) };
    };
    if (!target.startsWith(ORGANIZATIONS_TARGET_PREFIX)) {
      return reject(new AwsError("UnknownOperationException", `Unknown target ${target.slice(0, 128)}`));
    }
    const operation = target.slice(ORGANIZATIONS_TARGET_PREFIX.length);
    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]!
      .trim()
      .toLowerCase();
    if (type !== contentType) {
      return reject(
        new AwsError("SerializationException", `Unsupported content type ${type || "none"}; expected ${contentType}`),
        operation,
      );
    }
    let input: unknown;
    try {
      input = body.trim() === "" ? {} : JSON.parse(body);
    } catch {
      return reject(new AwsError("SerializationException", "Request body is not valid JSON."), operation);
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return reject(new AwsError("SerializationException", "Request body must be a JSON object."), operation);
    }
    return dispatch(
      req,
      res,
      "organizations",
      operation,
      (caller) => JSON.stringify(handleOrganizations(world, caller, operation, input as Record<string, unknown>)),
      jsonError,
      contentType,
    );
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const send = (status: number, value: unknown): void => {
      const text = JSON.stringify(value);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      send(413, { error: `body exceeds ${MAX_BODY_BYTES} bytes` });
      return;
    }
    try {
      const route = `${req.method ?? "GET"} ${path}`;
      switch (route) {
        case "GET health":
          return send(200, { ok: true });
        case "GET state":
          return send(200, world.state);
        case "PUT state":
          world.state = parseState(JSON.parse(body));
          persist();
          return send(200, world.state);
        case "GET calls":
          return send(200, log);
        case "DELETE calls":
          log.length = 0;
          return send(200, { ok: true });
        case "GET faults":
          return send(200, { rules: faults.pending(), propagationDelayMs: world.propagationDelayMs });
        case "PUT faults":
          applyFaults(JSON.parse(body));
          return send(200, { rules: faults.pending(), propagationDelayMs: world.propagationDelayMs });
        default:
          return send(404, { error: `no control route ${route}` });
      }
    } catch (e) {
      send(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (stateFile) persist();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls: () => log.map((c) => ({ ...c })),
    clearCalls: () => {
      log.length = 0;
    },
    state: () => structuredClone(world.state),
    setState: (s) => {
      world.state = parseState(s);
      persist();
    },
    setFaults: (f) => applyFaults(f),
    mintedCredentials: () => [...world.mintedSecrets],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
