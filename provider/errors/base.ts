/** The base of every error this package raises, and what it was doing when it failed. */

const BRAND = "__pulumiAwsRootAccessError";

/** What the provider was doing when AWS answered with an error. */
export interface ErrorContext {
  /** A verb phrase, e.g. "enable RootSessions" or "read the organization's features". */
  action: string;
  /** The organization the resource belongs to, when known. */
  organizationId?: string;
  /** The account the action concerns (a delegated administrator), when there is one. */
  accountId?: string;
  /** What a read-only diagnosis after the failure found out; appended to the message. */
  hint?: string;
  /** Which profile or role the credentials were looked up with, and where that setting came from. */
  credentials?: string;
}

/** Base class of every error this package raises. */
export abstract class RootAccessError extends Error {
  readonly [BRAND] = true;
  abstract override readonly name: string;

  constructor(message: string) {
    super(message);
    // Set again: when the provider is serialized by value, `super(message)` no longer reaches Error's constructor.
    this.message = message;
  }

  /**
   * Whether `e` is an error of this class or a subclass, from whichever loaded copy of the package: classes are
   * compared by name along its prototype chain, because `instanceof` fails across two copies (the program's and the
   * one a serialized provider requires).
   */
  static is<T extends abstract new (...args: never[]) => RootAccessError>(this: T, e: unknown): e is InstanceType<T> {
    if (typeof e !== "object" || e === null || (e as Record<string, unknown>)[BRAND] !== true) return false;
    if ((this as unknown) === RootAccessError) return true;
    for (let p = Object.getPrototypeOf(e) as object | null; p !== null && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
      if ((p as { constructor?: { name?: unknown } }).constructor?.name === this.name) return true;
    }
    return false;
  }
}

/** " (organization o-…)" when the organization is known, for messages. */
export function forOrg(organizationId: string | undefined): string {
  return organizationId ? ` (organization ${organizationId})` : "";
}
