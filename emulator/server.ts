/**
 * The emulator's HTTP front: one port on 127.0.0.1 for IAM and STS (Query), Organizations (JSON 1.1) and the
 * control endpoint under `/__emulator/`. It only reads requests, picks the service and its protocol, and hands the
 * call to the emulator's pipeline.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import { AwsError } from "./awsError";
import type { CommonFailure } from "./awsError";
import { answerOf } from "./protocols/wire";
import type { CallRecord } from "./callLog";
import { CONTROL_PREFIX, control, sendJson } from "./control";
import { Emulator } from "./emulator";
import type { Outcome } from "./emulator";
import type { FaultConfig } from "./faults";
import { loadState } from "./persistence";
import { serviceOf } from "./services";
import type { Service } from "./services";
import { parseAuthorization } from "./sigv4";
import { defaultState, parseState } from "./state";
import type { EmulatorState } from "./state";

export const MAX_BODY_BYTES = 64 * 1024;
/** The control endpoint takes whole states (PUT state), so whatever GET state returns fits back through it. */
export const MAX_CONTROL_BODY_BYTES = 8 * 1024 * 1024;

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

class BodyTooLarge extends Error {}

/**
 * How much of an oversized body is read and thrown away before the 413 is sent: a client still writing its body
 * when the answer comes sees a broken pipe instead of the answer, so a body up to this size is drained first.
 */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): void => {
      // Drained, not kept; past the drain limit the answer goes at once (and the connection is closed after it).
      if (size > MAX_DRAINED_BYTES) reject(new BodyTooLarge());
    };
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit || declared > limit) tooLarge();
      else chunks.push(c);
    });
    req.on("end", () => {
      if (size > limit || declared > limit) reject(new BodyTooLarge());
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
    if (declared > MAX_DRAINED_BYTES) reject(new BodyTooLarge());
  });
}

function respond(res: ServerResponse, service: Service, outcome: Outcome, requestId: string, close = false): void {
  if ("drop" in outcome) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(outcome.status, {
    "content-type": service.wire.contentType,
    ...(service.wire.requestIdHeaders?.(requestId) ?? { "x-amzn-requestid": requestId }),
    ...outcome.headers,
    "content-length": Buffer.byteLength(outcome.body),
    ...(close ? { connection: "close" } : {}),
  });
  res.end(outcome.body);
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const initial = loadState(options.stateFile) ?? (options.seed === undefined ? defaultState() : parseState(options.seed));
  const emulator = new Emulator(initial, options.stateFile);
  const seedFaults = (options.seed as { faults?: unknown } | undefined)?.faults ?? options.faults;
  if (seedFaults !== undefined) emulator.setFaults(seedFaults);

  let port = 0;
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const signer = parseAuthorization(req.headers.authorization);
    const service = serviceOf(req.headers["x-amz-target"], signer?.service);
    const requestId = randomUUID();
    /** Refuses the request before it is routed, in the shape its client reads, and closes the connection. */
    const refuse = (controlStatus: number, controlMessage: string, kind: CommonFailure, awsMessage: string): void => {
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        sendJson(res, controlStatus, { error: controlMessage }, { connection: "close" });
        return;
      }
      const err = service.wire.failure(kind, awsMessage);
      respond(res, service, emulator.refuse(service, "unknown", err, requestId, arrivedAt), requestId, true);
    };
    // A web page can make a browser send requests to 127.0.0.1 under its own name (DNS rebinding); only this
    // emulator's own names are answered.
    if (!isOwnHost(req.headers.host, port)) {
      req.resume();
      const message = "The Host header names another server than this emulator.";
      refuse(403, message, "accessDenied", message);
      return;
    }
    let body: string;
    const limit = url.pathname.startsWith(CONTROL_PREFIX) ? MAX_CONTROL_BODY_BYTES : MAX_BODY_BYTES;
    try {
      body = await readBody(req, limit);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      refuse(413, `body exceeds ${limit} bytes`, "bodyTooLarge", `Request body exceeds ${limit} bytes.`);
      return;
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      control(emulator, req, res, url.pathname.slice(CONTROL_PREFIX.length), body);
      return;
    }
    let outcome: Outcome;
    try {
      const request = service.wire.parse(req, url, body);
      const token = req.headers["x-amz-security-token"];
      const credentials = signer
        ? {
            accessKeyId: signer.accessKeyId,
            region: signer.region,
            ...(typeof token === "string" ? { sessionToken: token } : {}),
          }
        : undefined;
      outcome = await emulator.call(service, request, credentials, requestId, arrivedAt);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      outcome = emulator.refuse(service, "unknown", e, requestId, arrivedAt);
    }
    respond(res, service, outcome, requestId);
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Last line of defence: a bug answers 500 in the protocol's shape instead of killing the emulator.
      if (res.headersSent) return void res.destroy();
      const service = serviceOf(req.headers["x-amz-target"], parseAuthorization(req.headers.authorization)?.service);
      const requestId = randomUUID();
      const failure = service.wire.failure("internal", `emulator error: ${err instanceof Error ? err.message : String(err)}`);
      respond(res, service, answerOf(service.wire.encodeError(failure, requestId), failure.status), requestId);
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

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  emulator.world.baseUrl = `http://127.0.0.1:${port}`;
  emulator.persist();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls: () => emulator.log.list(),
    clearCalls: () => emulator.log.clear(),
    state: () => structuredClone(emulator.world.state),
    setState: (s) => emulator.replaceState(s),
    setFaults: (f) => emulator.setFaults(f),
    mintedCredentials: () => [...emulator.world.mintedSecrets],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
