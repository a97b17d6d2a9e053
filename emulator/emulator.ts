/**
 * One emulator instance without its HTTP front: the world, the call log, the fault plan and persistence, and the
 * pipeline every AWS call goes through: operation, credentials, faults, permissions, handler, persistence, log.
 */
import { AwsError } from "./awsError";
import { CallLog } from "./callLog";
import type { CallEntry } from "./callLog";
import { FaultPlan, parseFaults } from "./faults";
import { denial } from "./permissions";
import { saveState } from "./persistence";
import { handlerFor } from "./services/handler";
import type { Service } from "./services";
import { answerOf } from "./protocols/wire";
import type { Request } from "./protocols/wire";
import { parseState } from "./state";
import type { EmulatorState } from "./state";
import { World } from "./world";
import type { Caller } from "./world";

const READ_ONLY = /^(List|Describe|Get|Head)/;
/** Operations AWS answers whatever the caller's policies say. */
const ALWAYS_ALLOWED = ["sts:GetCallerIdentity"];
/** The longest operation name the log keeps: names come from the wire. */
const MAX_LOGGED_NAME = 128;

/** What a call ends in: an answer to send, or a connection to drop. */
export type Outcome = { status: number; body: string; headers?: Record<string, string> } | { drop: true };

/** What the pipeline knows of a request's signature. */
export interface Credentials {
  accessKeyId: string;
  sessionToken?: string;
  /** The region of the signature's credential scope. */
  region?: string;
}

function loggedName(operation: string): string {
  return operation.length > MAX_LOGGED_NAME ? `${operation.slice(0, MAX_LOGGED_NAME)}…` : operation;
}

/** What the log says of a call beyond its operation: whose it was, never its credentials. */
function whoOf(caller: Caller, request: Request, credentials: Credentials): Partial<CallEntry> {
  const entry: Partial<CallEntry> = { accountId: caller.accountId };
  if (credentials.region) entry.region = credentials.region.slice(0, MAX_LOGGED_NAME);
  if (caller.session?.kind === "root") {
    entry.targetAccountId = caller.accountId;
    entry.taskPolicy = caller.session.taskPolicy;
  }
  if (request.operation === "AssumeRoot") {
    const target = request.input.TargetPrincipal;
    const task = request.input["TaskPolicyArn.arn"];
    if (typeof target === "string")
      entry.targetAccountId = target.replace(/^arn:aws[a-z-]*:iam::(\d{12}):root$/, "$1").slice(0, 64);
    if (typeof task === "string") entry.taskPolicy = task.split("/").pop()!.slice(0, MAX_LOGGED_NAME);
  }
  return entry;
}

/** Values a request gives policy conditions, e.g. `sts:TaskPolicyArn`. */
function contextOf(request: Request): Record<string, string> {
  const task = request.input["TaskPolicyArn.arn"];
  const role = request.input.RoleArn;
  return {
    ...(typeof task === "string" ? { "sts:TaskPolicyArn": task } : {}),
    // The one action whose resource the permission model checks: which role a key may assume.
    ...(request.operation === "AssumeRole" && typeof role === "string" ? { resource: role } : {}),
  };
}

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

  /** Validates, persists, and only then swaps in a new state: a refused or unwritable state changes nothing. */
  replaceState(raw: unknown): void {
    const next = parseState(raw);
    saveState(this.stateFile, next);
    this.world.state = next;
  }

  persist(): void {
    saveState(this.stateFile, this.world.state);
  }

  /** Answers an error the protocol or the front refused, recording it. */
  refuse(service: Service, operation: string, err: AwsError, requestId: string, arrivedAt: number): Outcome {
    this.log.record(
      { service: service.name, operation: loggedName(operation), status: err.status, errorCode: err.code },
      arrivedAt,
    );
    return answerOf(service.wire.encodeError(err, requestId), err.status);
  }

  /** Runs one parsed call through credentials, faults, permissions and its handler. */
  async call(
    service: Service,
    request: Request,
    credentials: Credentials | undefined,
    requestId: string,
    arrivedAt: number,
  ): Promise<Outcome> {
    const { wire } = service;
    const operation = loggedName(request.operation);
    const fail = (err: AwsError, extra: Partial<CallEntry> = {}): Outcome => {
      this.log.record({ service: service.name, operation, status: err.status, errorCode: err.code, ...extra }, arrivedAt);
      return answerOf(wire.encodeError(err, requestId), err.status);
    };
    const handler = handlerFor(service.operations, request.operation);
    if (!handler) return fail(wire.unknownOperation(request.operation));
    if (!credentials) return fail(wire.failure("missingAuthentication"));
    const caller = this.world.authenticate(credentials.accessKeyId, credentials.sessionToken);
    if (typeof caller === "string") return fail(wire.failure(caller));
    const who = whoOf(caller, request, credentials);
    const decision = this.plan.decide(request.operation);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    if (decision.failure === "dropConnection") {
      this.log.record({ service: service.name, operation, ...who, status: 0, fault: "dropConnection" }, arrivedAt);
      return { drop: true };
    }
    if (decision.failure === "throttle") return fail(wire.failure("throttling"), { ...who, fault: "throttle" });
    if (decision.failure === "serverError") return fail(wire.failure("serverError"), { ...who, fault: "serverError" });
    const action = service.actionOf?.(request.operation) ?? `${service.name}:${request.operation}`;
    const denied = ALWAYS_ALLOWED.includes(action) ? undefined : denial(this.world, caller, action, contextOf(request));
    if (denied) return fail(wire.failure("accessDenied", denied), who);
    // A change is made on a copy, written to the state file, and only then kept: a failed write changes nothing.
    const before = this.world.state;
    const mutating = !READ_ONLY.test(request.operation);
    if (mutating) this.world.state = structuredClone(before);
    let answer: ReturnType<typeof answerOf>;
    try {
      answer = answerOf(wire.encode(request.operation, handler(this.world, caller, request.input), requestId), 200);
      if (mutating) this.persist();
    } catch (e) {
      this.world.state = before;
      if (e instanceof AwsError) return fail(e, who);
      return fail(
        wire.failure(
          "internal",
          `the emulator could not complete ${request.operation}: ${e instanceof Error ? e.message : String(e)}`,
        ),
        who,
      );
    }
    this.log.record(
      {
        service: service.name,
        operation,
        ...who,
        status: answer.status,
        ...(decision.latencyMs > 0 ? { fault: "latency" } : {}),
      },
      arrivedAt,
    );
    return answer;
  }
}
