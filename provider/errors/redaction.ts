/** Secrets and control characters never leave in a message. */

/** Every AWS key-ID prefix IAM documents; matched even when glued to other characters (`userAKIA…`, `_AKIA…_`). */
const KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA|AIDA|AIPA|AROA|AGPA|ANPA|ANVA|APKA)[A-Z0-9]{12,}/g;
const SECURITY_TOKEN = /(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi;

/**
 * Key IDs, `x-amz-security-token` values and any secret in the environment never leave in a message. Credentials
 * resolved from profiles, SSO or roles are removed where the SDK's errors are caught (`scrubSecrets`).
 */
export function redact(text: string): string {
  let out = text.replace(KEY_ID, "[redacted key id]").replace(SECURITY_TOKEN, "$1[redacted]");
  for (const name of ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"]) {
    const value = process.env[name];
    if (value && value.length >= 8) out = out.split(value).join("[redacted]");
  }
  return out;
}

/** Removes the given secrets (resolved credentials) from an error's message, in place, before anything reads it. */
export function scrubSecrets(err: unknown, secrets: ReadonlyArray<string | undefined>): void {
  const e = err as { message?: unknown } | null;
  if (!e || typeof e.message !== "string") return;
  let message = e.message;
  for (const secret of secrets) if (secret && secret.length >= 8) message = message.split(secret).join("[redacted]");
  if (message !== e.message) Object.defineProperty(e, "message", { value: message, writable: true, configurable: true });
}

/** Control characters of anything a user or AWS gave are shown as `\u001b`, so they cannot forge log lines. */
export function printable(text: string): string {
  // Control characters, line separators and the bidi controls (which can make a name read backwards on a terminal).
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
