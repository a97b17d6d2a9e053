/** What in-process provider calls print to stdout (the provider's reports), muted or captured. */

/** Runs `fn` with stdout muted. */
export async function muted<T>(fn: () => Promise<T>): Promise<T> {
  return (await captured(fn)).result;
}

/** Runs `fn` and returns what it wrote to stdout instead of printing it. */
export async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; text: string }> {
  const write = process.stdout.write;
  const chunks: string[] = [];
  process.stdout.write = ((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    return { result: await fn(), text: chunks.join("") };
  } finally {
    process.stdout.write = write;
  }
}
