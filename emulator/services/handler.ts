/** What every service handler is: a pure function of the world, the caller and the request's input. */
import type { Caller, World } from "../world";

export type Input = Record<string, unknown>;
export type Handler = (world: World, caller: Caller, input: Input) => Record<string, unknown>;

/** Looks up a handler by an operation name that came from the wire: only the table's own entries count. */
export function handlerFor(operations: Record<string, Handler>, operation: string): Handler | undefined {
  return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}
