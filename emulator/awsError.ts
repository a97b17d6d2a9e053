/** An error the emulator answers with; each wire protocol encodes it in its own shape. */
export class AwsError extends Error {
  override readonly name = "AwsError";
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Query protocol only: who is at fault. */
    readonly type: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
    /** Extra members of the error, e.g. Organizations' ConstraintViolationException `Reason`. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Failures every service can answer, whatever the operation: each protocol says how its services spell them
 * (IAM and STS `Throttling`, Organizations `TooManyRequestsException`, …).
 */
export type CommonFailure =
  | "missingAuthentication"
  | "invalidClientToken"
  | "expiredToken"
  | "accessDenied"
  | "throttling"
  | "serverError"
  | "bodyTooLarge"
  | "internal";
