/** How an error is shown: to the language host (the program) and to the engine (the providers). */
import { RootAccessError } from "./base";

/**
 * Prepares an error thrown while the program runs: the language host prints it with its stack and own fields, but
 * a mistake in the program is not a bug of the package, so only the name and message are kept.
 */
export function forProgram<E extends RootAccessError>(err: E): E {
  for (const key of Object.keys(err)) Object.defineProperty(err, key, { enumerable: false });
  Object.defineProperty(err, "stack", { value: `${err.name}: ${err.message}`, writable: true, configurable: true });
  // Pulumi's brand for an error the program reports on purpose: the language host prints its message alone, once,
  // instead of "failed with an unhandled exception" and an inspection of the object (with what Outputs attach to it).
  Object.defineProperty(err, "__pulumiRunError", { value: true, configurable: true });
  if (!err.message.startsWith(`${err.name}: `)) {
    Object.defineProperty(err, "message", { value: `${err.name}: ${err.message}`, writable: true, configurable: true });
  }
  return err;
}

/** What the dynamic-provider host prints for an error it logs: recognised, and left out of the output. */
export const ENGINE_LOGGED_MARK = "\u0000pulumi-aws-root-access: reported through the engine";

/**
 * Prepares an error for the Pulumi engine. The engine shows `message` once, so a typed error's message starts with
 * its name; the host also logs `${error}: ${error.stack}` to stderr, which would repeat it with a stack trace, so
 * that line is marked for the provider's stderr filter to drop.
 */
export function forEngine(err: unknown): unknown {
  if (!RootAccessError.is(err) || (err as { [ENGINE_LOGGED_MARK]?: boolean })[ENGINE_LOGGED_MARK]) return err;
  const message = `${err.name}: ${err.message}`;
  Object.defineProperty(err, ENGINE_LOGGED_MARK, { value: true });
  Object.defineProperty(err, "message", { value: message, writable: true, configurable: true });
  Object.defineProperty(err, "stack", { value: "", writable: true, configurable: true });
  Object.defineProperty(err, "toString", { value: () => ENGINE_LOGGED_MARK, configurable: true });
  const partial = err as { reasons?: unknown };
  if (Array.isArray(partial.reasons)) partial.reasons = [message];
  return err;
}
