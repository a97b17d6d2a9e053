/** What the emulator's call log says about parallelism, for tests and benchmarks. */
import type { CallRecord } from "../emulator";

/** The largest number of calls the emulator was answering at the same moment. */
export function peakConcurrency(calls: CallRecord[]): number {
  const events = calls.flatMap((c) => [
    { t: c.startedAt, d: 1 },
    { t: c.startedAt + c.durationMs, d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let current = 0;
  let peak = 0;
  for (const e of events) {
    current += e.d;
    peak = Math.max(peak, current);
  }
  return peak;
}
