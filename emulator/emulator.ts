/**
 * One emulator instance without its HTTP front: the world, the call log, the fault plan and persistence, and the
 * pipeline every AWS call goes through (caller, faults, permissions, handler, log, persistence).
 */
import { AwsError } from "./awsError";
import { CallLog } from "./callLog";
import type { CallEntry } from "./callLog";
import { FaultPlan, parseFaults } from "./faults";
import { saveState } from "./persistence";
import { handlerFor } from "./services/handler";
import type { Service } from "./services";
import type { Request } from "./protocols/wire";
import { parseState } from "./state";
import type { EmulatorState } from "./state";
import { World } from "./world";

const READ_ONLY = /^(List|Describe|Get)/;

/** What a call ends in: an answer to send, or a connection to drop. */
export type Outcome = { status: number; body: string } | { drop: true };

export class Emulator {
  readonly world: World;
  readonly log = new CallLog();
  private readonly plan = new FaultPlan();

  constructor(
    initial: EmulatorState,
    private readonly stateFile: string | undefined,
  ) {
    this.world = new World(initial);
  }

  setFaults(raw: unknown): void {
    const parsed = parseFaults(raw);
    this.plan.set(parsed.rules);
    this.world.propagationDelayMs = parsed.propagationDelayMs;
  }

  faults(): { rules: ReturnType<FaultPlan["pending"]>; propagationDelayMs: number } {
    return { rules: this.plan.pending(), propagationDelayMs: this.world.propagationDelayMs };
  }

  replaceState(raw: unknown): void {
    this.world.state = parseState(raw);
    this.persist();
  }

  persist(): void {
    saveState(this.stateFile, this.world.state);
  }

  /** Answers an error the protocol or the front refused, recording it. */
  refuse(service: Service, operation: string, err: AwsError, requestId: string, arrivedAt: number): Outcome {
    this.log.record({ service: service.name, operation, status: err.status, errorCode: err.code }, arrivedAt);
    return { status: err.status, body: service.wire.encodeError(err, requestId) };
  }

  /** Runs one parsed call through identity, faults, permissions and its handler. */
  async call(
    service: Service,
    request: Request,
    accessKeyId: string | undefined,
    requestId: string,
    arrivedAt: number,
  ): Promise<Outcome> {
    const { wire } = service;
    const { operation } = request;
    const fail = (err: AwsError, extra: Partial<CallEntry> = {}): Outcome => {
      this.log.record({ service: service.name, operation, status: err.status, errorCode: err.code, ...extra }, arrivedAt);
      return { status: err.status, body: wire.encodeError(err, requestId) };
    };
    const handler = handlerFor(service.operations, operation);
    if (!handler) return fail(wire.unknownOperation(operation));
    if (accessKeyId === undefined) return fail(wire.failure("missingAuthentication"));
    const caller = this.world.callerFor(accessKeyId);
    if (!caller) return fail(wire.failure("invalidClientToken"));
    const who = { accountId: caller.accountId };
    const decision = this.plan.decide(operation);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    if (decision.failure === "dropConnection") {
      this.log.record({ service: service.name, operation, ...who, status: 0, fault: "dropConnection" }, arrivedAt);
      return { drop: true };
    }
    if (decision.failure === "throttle") return fail(wire.failure("throttling"), { ...who, fault: "throttle" });
    if (decision.failure === "serverError") return fail(wire.failure("serverError"), { ...who, fault: "serverError" });
    const action = `${service.name}:${operation}`;
    if (caller.allowedActions && !caller.allowedActions.includes(action)) {
      const message = `User: arn:aws:iam::${caller.accountId}:user/emulated is not authorized to perform: ${action}`;
      return fail(wire.failure("accessDenied", message), who);
    }
    try {
      const body = wire.encode(operation, handler(this.world, caller, request.input), requestId);
      this.log.record(
        { service: service.name, operation, ...who, status: 200, ...(decision.latencyMs > 0 ? { fault: "latency" } : {}) },
        arrivedAt,
      );
      if (!READ_ONLY.test(operation)) this.persist();
      return { status: 200, body };
    } catch (e) {
      if (e instanceof AwsError) return fail(e, who);
      throw e;
    }
  }
}
