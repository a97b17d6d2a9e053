/** The record of every call the emulator answered, for tests and benchmarks: who, what, how it ended, how long. */

/** One AWS call as the emulator saw it; `accountId` is the caller's account (never the access key). */
export interface CallRecord {
  seq: number;
  service: string;
  operation: string;
  accountId?: string;
  /** The region the caller signed for (its SigV4 credential scope). */
  region?: string;
  /** Root sessions and AssumeRoot: the member account and the task policy (never a key, secret or token). */
  targetAccountId?: string;
  taskPolicy?: string;
  status: number;
  errorCode?: string;
  fault?: string;
  /** Milliseconds since the emulator started, when the request arrived. */
  startedAt: number;
  /** How long the emulator took to answer (including injected latency). */
  durationMs: number;
}

export type CallEntry = Omit<CallRecord, "seq" | "startedAt" | "durationMs">;

/** The most entries the log keeps; older ones are dropped first, and `dropped` counts them. */
export const MAX_CALL_LOG_ENTRIES = 10_000;

export class CallLog {
  private readonly entries: CallRecord[] = [];
  private seq = 0;
  /** Entries dropped because the log was full, since the last clear. */
  dropped = 0;
  private readonly origin = performance.now();

  /** Records a call that arrived at `arrivedAt` (performance.now()) and is answered now. */
  record(entry: CallEntry, arrivedAt: number): void {
    this.seq += 1;
    const now = performance.now();
    this.entries.push({
      seq: this.seq,
      ...entry,
      startedAt: Math.round(arrivedAt - this.origin),
      durationMs: Math.round(now - arrivedAt),
    });
    if (this.entries.length > MAX_CALL_LOG_ENTRIES) {
      this.entries.splice(0, this.entries.length - MAX_CALL_LOG_ENTRIES);
      this.dropped += 1;
    }
  }

  list(): CallRecord[] {
    return this.entries.map((c) => ({ ...c }));
  }

  clear(): void {
    this.entries.length = 0;
    this.dropped = 0;
  }
}
