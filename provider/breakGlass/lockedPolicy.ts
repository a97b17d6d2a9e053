/**
 * When a resource policy locks its resource: it denies every principal, unconditionally, the actions that would
 * repair it. For a bucket that is both `s3:PutBucketPolicy` and `s3:DeleteBucketPolicy` (either one alone still lets
 * the account replace or remove the policy); for a queue, `sqs:SetQueueAttributes`. Only statements with `Effect:
 * Deny`, `Principal: "*"` (or `{"AWS": "*"}`) and no `Condition` count: a condition or a named principal leaves
 * someone who can repair it. Then only the account's root user can, through a root session.
 */

export type LockableService = "s3" | "sqs";

/** The actions a principal needs to repair each kind of policy; denying all of them to everyone locks it. */
export const REPAIR_ACTIONS: Record<LockableService, readonly string[]> = {
  s3: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
  sqs: ["sqs:SetQueueAttributes"],
};

interface Statement {
  Sid?: unknown;
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

/** IAM's action matching: `*` and `?` wildcards, case-insensitive. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}

function deniesEveryone(s: Statement, action: string): boolean {
  const everyone = s.Principal === "*" || list((s.Principal as { AWS?: unknown } | null)?.AWS).includes("*");
  if (s.Effect !== "Deny" || !everyone || s.Condition !== undefined) return false;
  if (s.NotAction !== undefined) return !list(s.NotAction).some((a) => actionMatches(a, action));
  return list(s.Action).some((a) => actionMatches(a, action));
}

/** What a policy says about being locked: whether it is, and the statements that lock it (their Sid, or index). */
export interface LockVerdict {
  locked: boolean;
  statements: string[];
}

/** Whether `policy` (a JSON document) locks its resource; a document that is not JSON locks nothing. */
export function lockVerdict(service: LockableService, policy: string | undefined): LockVerdict {
  let doc: unknown;
  try {
    doc = policy ? JSON.parse(policy) : undefined;
  } catch {
    return { locked: false, statements: [] };
  }
  const raw = (doc as { Statement?: unknown } | undefined)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (s): s is Statement => typeof s === "object" && s !== null,
  );
  const locking = new Set<string>();
  const locked = REPAIR_ACTIONS[service].every((action) => {
    const denying = statements.flatMap((s, i) =>
      deniesEveryone(s, action) ? [typeof s.Sid === "string" ? s.Sid : `Statement[${i}]`] : [],
    );
    for (const name of denying) locking.add(name);
    return denying.length > 0;
  });
  return { locked, statements: locked ? [...locking] : [] };
}
