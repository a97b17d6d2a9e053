/**
 * The control endpoint, on the emulator's own port under `/__emulator/`: tests read and change the state ("the
 * console"), read the call log, and inject faults.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "./emulator";

export const CONTROL_PREFIX = "/__emulator/";

/** A JSON answer of the control endpoint (also its refusals made before routing). */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers one control request; `body` is already read (and bounded) by the server. */
export function control(emulator: Emulator, req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
  const route = `${req.method ?? "GET"} ${path}`;
  try {
    switch (route) {
      case "GET health":
        return sendJson(res, 200, { ok: true });
      case "GET state":
        return sendJson(res, 200, emulator.world.state);
      case "PUT state":
        emulator.replaceState(JSON.parse(body));
        return sendJson(res, 200, emulator.world.state);
      case "GET calls":
        // The log keeps the newest MAX_CALL_LOG_ENTRIES; the header says how many older ones were dropped.
        return sendJson(res, 200, emulator.log.list(), { "x-emulator-calls-dropped": String(emulator.log.dropped) });
      case "DELETE calls":
        emulator.log.clear();
        return sendJson(res, 200, { ok: true });
      case "GET faults":
        return sendJson(res, 200, emulator.faults());
      case "PUT faults":
        emulator.setFaults(JSON.parse(body));
        return sendJson(res, 200, emulator.faults());
      default:
        return sendJson(res, 404, { error: `no control route ${route}` });
    }
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
