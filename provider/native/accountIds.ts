/**
 * Account IDs that a YAML program turned into numbers. The YAML language host reads a digit-only config value as a
 * number even when it is declared a string (pulumi/pulumi-yaml#577), which drops an account ID's leading zeros. An
 * account ID has exactly 12 digits, so an integer below 10^12 maps back to it without loss: padded, not refused.
 */
import type { Props } from "./protocol";

/** The properties, of any kind or component, that hold an account ID or a list of them. */
const ACCOUNT_ID_PROPERTIES = ["accountId", "delegatedAdministratorAccountId", "accountIds", "excludeAccountIds"];

function asAccountId(v: unknown): unknown {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1e12 ? String(v).padStart(12, "0") : v;
}

export function restoreAccountIds<T extends Props>(props: T): T {
  const out: Props = { ...props };
  for (const key of ACCOUNT_ID_PROPERTIES) {
    const v = out[key];
    if (v === undefined) continue;
    out[key] = Array.isArray(v) ? v.map(asAccountId) : asAccountId(v);
  }
  return out as T;
}
