/**
 * The emulator's model of resource policies (bucket and queue policies): only what locks a resource. A statement
 * denies an action to every principal when its `Effect` is `Deny`, its `Principal` is `"*"` or `{"AWS": "*"}`, its
 * `Action` matches the action (or its `NotAction` does not), and it has no `Condition`. Nothing else is evaluated:
 * allows and other principals change nothing, and a caller of the owning account is allowed by its identity
 * permissions alone. The owning account's root session is exempt, as AWS lets the root user manage a policy that
 * locks everyone else out (README: "Emulator choices").
 */
import { actionMatches } from "./world";

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Condition?: unknown;
}

function list(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  return typeof principal === "object" && principal !== null && list((principal as { AWS?: unknown }).AWS).includes("*");
}

function statementsOf(policy: string): Statement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = (doc as { Statement?: unknown } | null)?.Statement;
  const all = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return all.filter((s): s is Statement => typeof s === "object" && s !== null);
}

/** Whether `policy` denies `action` (e.g. `s3:GetBucketPolicy`) to every principal. */
export function deniesEveryone(policy: string | undefined, action: string): boolean {
  if (policy === undefined || policy === "") return false;
  return statementsOf(policy).some((s) => {
    if (s.Effect !== "Deny" || !isEveryone(s.Principal) || s.Condition !== undefined) return false;
    if (s.NotAction !== undefined) return !list(s.NotAction).some((a) => actionMatches(a, action));
    return list(s.Action).some((a) => actionMatches(a, action));
  });
}
