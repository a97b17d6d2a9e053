/**
 * Reading a paginated AWS list to the end, with a bound: an endpoint that repeats a `NextToken`, or never stops
 * giving one, must not make the provider loop forever.
 */
import { PaginationError } from "../errors";

/** More pages than any organization's lists need (Organizations caps an organization at thousands of accounts). */
export const MAX_PAGES = 1_000;

/**
 * @param onPage called with each page's items as it arrives, so a caller can start on them before the last page
 */
export async function readAllPages<T>(
  operation: string,
  fetch: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>,
  onPage?: (items: T[]) => void,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 1; ; page += 1) {
    const result = await fetch(nextToken);
    items.push(...result.items);
    onPage?.(result.items);
    nextToken = result.nextToken;
    if (!nextToken) return items;
    if (seen.has(nextToken)) throw new PaginationError(operation, page, "AWS returned the same NextToken twice");
    if (page >= MAX_PAGES) throw new PaginationError(operation, page, `AWS still had more after ${MAX_PAGES} pages`);
    seen.add(nextToken);
  }
}
