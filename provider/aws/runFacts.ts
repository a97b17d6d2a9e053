/**
 * Organization-wide facts read to explain a failure (the features, the organization, its accounts), shared by every
 * failure of one run: a thousand refused root sessions then cost one read of each, not one per account. They only
 * ever explain an error, never decide a change. A fact is dropped as soon as this process changes anything in AWS
 * (a run that enables a feature must not explain a later failure with what it read before), and after a few minutes.
 */

// On globalThis, under a plain string: the provider may be serialized by value into several closures, each with its
// own copy of this module, and a cache captured by value would be copied into `__provider`.
const GLOBAL_KEY = "__pulumiAwsRootAccessRunFacts";
const MAX_AGE_MS = 5 * 60_000;

interface Entry {
  value: Promise<unknown>;
  generation: number;
  at: number;
}

interface Facts {
  generation: number;
  entries: Record<string, Entry>;
}

function facts(): Facts {
  const holder = globalThis as unknown as Record<string, Facts | undefined>;
  return (holder[GLOBAL_KEY] ??= { generation: 0, entries: {} });
}

/** The fact `name` for the connection `scope`, read at most once while nothing changed. */
export function runFact<T>(scope: string, name: string, read: () => Promise<T>): Promise<T> {
  const all = facts();
  const key = `${scope}\u0000${name}`;
  const entry = Object.hasOwn(all.entries, key) ? all.entries[key] : undefined;
  if (entry && entry.generation === all.generation && Date.now() - entry.at < MAX_AGE_MS) return entry.value as Promise<T>;
  const value = read();
  all.entries[key] = { value, generation: all.generation, at: Date.now() };
  return value;
}

/** Called after every change this process makes in AWS: facts read before it are stale. */
export function changedInThisRun(): void {
  const all = facts();
  all.generation += 1;
  all.entries = {};
}

/** Forgets every fact: a new run starts in a new process, and tests that run many in one process say so. */
export function forgetRunFacts(): void {
  delete (globalThis as unknown as Record<string, unknown>)[GLOBAL_KEY];
}
