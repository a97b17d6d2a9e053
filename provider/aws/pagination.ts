/**
 * Reading a paginated AWS list to the end, with a bound: an endpoint that repeats a `NextToken`, or never stops
 * giving one, must not make the provider loop forever.
 */
import { PaginationError } from "../errors";

/** More pages than any organization's lists need (Organizations caps an organization at thousands of accounts). */
export const MAX_PAGES = 1_000;

export async function readAllPages<T>(
  operation: string,
  fetch: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 1; ; page += 1) {
    const result = await fetch(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
    if (!nextToken) return items;
    if (seen.has(nextToken)) throw new PaginationError(operation, page, "AWS returned the same NextToken twice");
    if (page >= MAX_PAGES) throw new PaginationError(operation, page, `AWS still had more after ${MAX_PAGES} pages`);
    seen.add(nextToken);
  }
}
