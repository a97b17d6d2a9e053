/**
 * The world the services act on: the emulator's state (see state.ts), what lives only in memory beside it, and the
 * lookups every service rule starts from (who is calling, and what their organization looks like).
 */
import { createHash } from "node:crypto";
import type { Account, EmulatorState, Organization, Permissions, Session } from "./state";
import { IAM_SERVICE_PRINCIPAL } from "./state";

export interface Caller {
  accessKeyId: string;
  /** The account the credentials act in: for a root session, the member account it targets. */
  accountId: string;
  /** When set, only what these permissions allow is allowed (permission mode). */
  permissions?: Permissions;
  session?: Session;
}

/** Why a signed request's credentials are refused. */
export type Refusal = "invalidClientToken" | "expiredToken";

/** Temporary credentials minted meanwhile expire; the state keeps this many expired ones at most. */
const MAX_EXPIRED_KEYS_KEPT = 0;
/** Valid temporary keys kept at most; minting more drops the oldest (a session that long-lived is a test's leftover). */
export const MAX_TEMPORARY_KEYS = 200;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class World {
  /**
   * Per organization: when IAM starts to see trusted access that was just enabled. The window opens at IAM's first
   * look after the enable, not at the enable itself, so a test's timing does not depend on how long the engine
   * takes to start.
   */
  private readonly iamTrustedAccessPending = new Set<string>();
  private readonly iamTrustedAccessVisibleAt = new Map<string, number>();

  /** Secrets of temporary credentials minted by STS, kept in memory only, so tests can prove none leaks. */
  readonly mintedSecrets: string[] = [];

  /** How long IAM keeps answering ServiceAccessNotEnabled after trusted access is enabled (a fault to test waits). */
  propagationDelayMs = 0;

  /** The emulator's own URL, once it listens: SQS queue URLs are `<baseUrl>/<account>/<name>`. */
  baseUrl = "http://127.0.0.1";

  constructor(public state: EmulatorState) {}

  onIamTrustedAccessEnabled(org: Organization): void {
    if (this.propagationDelayMs > 0) {
      this.iamTrustedAccessPending.add(org.id);
      this.iamTrustedAccessVisibleAt.delete(org.id);
    }
  }

  /** Whether IAM sees trusted access for this organization now (false during the propagation window). */
  iamSeesTrustedAccess(org: Organization, now = Date.now()): boolean {
    if (!Object.hasOwn(org.trustedServices, IAM_SERVICE_PRINCIPAL)) return false;
    if (this.iamTrustedAccessPending.delete(org.id)) this.iamTrustedAccessVisibleAt.set(org.id, now + this.propagationDelayMs);
    return now >= (this.iamTrustedAccessVisibleAt.get(org.id) ?? 0);
  }

  /**
   * Who signed a request: the key's account, permissions and session. Temporary keys must come with the session
   * token they were minted with, and stop working when they expire.
   */
  authenticate(accessKeyId: string, sessionToken: string | undefined, now = Date.now()): Caller | Refusal {
    const key = this.state.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (!key) {
      return this.state.defaultAccountId === null
        ? "invalidClientToken"
        : { accessKeyId, accountId: this.state.defaultAccountId };
    }
    if (key.sessionTokenHash && (sessionToken === undefined || hashToken(sessionToken) !== key.sessionTokenHash)) {
      return "invalidClientToken";
    }
    if (key.expiresAt !== undefined && now >= key.expiresAt) return "expiredToken";
    const caller: Caller = { accessKeyId, accountId: key.accountId };
    if (key.allowedActions || key.policy) {
      caller.permissions = {
        ...(key.allowedActions ? { allowedActions: key.allowedActions } : {}),
        ...(key.policy ? { policy: key.policy } : {}),
      };
    }
    if (key.session) caller.session = key.session;
    return caller;
  }

  /** The principal ARN AWS names in messages and in GetCallerIdentity. */
  principalArn(caller: Caller): string {
    if (caller.session?.kind === "root") return `arn:aws:iam::${caller.accountId}:root`;
    if (caller.session?.kind === "role") {
      const role = caller.session.roleArn.split("/").pop();
      return `arn:aws:sts::${caller.accountId}:assumed-role/${role}/${caller.session.sessionName}`;
    }
    return `arn:aws:iam::${caller.accountId}:user/emulated`;
  }

  /**
   * Makes room for one more temporary key: drops the expired ones, and the oldest valid ones beyond
   * MAX_TEMPORARY_KEYS, with their minted secrets, so minting never grows the state (or memory) without bound.
   */
  pruneExpiredKeys(now = Date.now()): void {
    const temporary = this.state.accessKeys.filter((k) => k.temporary);
    const expired = temporary.filter((k) => k.expiresAt !== undefined && now >= k.expiresAt);
    const valid = temporary.filter((k) => !expired.includes(k));
    const oldest = valid.slice(0, Math.max(0, valid.length - (MAX_TEMPORARY_KEYS - 1)));
    const dropped = new Set([...(expired.length > MAX_EXPIRED_KEYS_KEPT ? expired : []), ...oldest]);
    if (dropped.size === 0) return;
    this.state.accessKeys = this.state.accessKeys.filter((k) => !dropped.has(k));
    for (const key of dropped) {
      // Secrets are kept as [key ID, secret, token], in minting order.
      const at = this.mintedSecrets.indexOf(key.accessKeyId);
      if (at >= 0) this.mintedSecrets.splice(at, 3);
    }
  }

  account(id: string): Account | undefined {
    return this.state.accounts.find((a) => a.id === id);
  }

  organizationOf(accountId: string): Organization | undefined {
    const orgId = this.account(accountId)?.organizationId;
    return orgId === undefined ? undefined : this.state.organizations.find((o) => o.id === orgId);
  }

  isDelegatedAdministrator(org: Organization, accountId: string, servicePrincipal?: string): boolean {
    return org.delegatedAdministrators.some(
      (d) => d.accountId === accountId && (servicePrincipal === undefined || d.servicePrincipal === servicePrincipal),
    );
  }

  /**
   * Whether a service control policy of the caller's organization denies `action` to the caller. SCPs never apply
   * to the management account; a statement that exempts `aws:AssumedRoot` does not apply to root sessions.
   */
  scpDenies(caller: Caller, action: string): boolean {
    const org = this.organizationOf(caller.accountId);
    if (!org || caller.accountId === org.managementAccountId) return false;
    const account = this.account(caller.accountId)!;
    const targets = [account.id, org.id, ...(account.ouId ? [account.ouId] : [])];
    return org.serviceControlPolicies.some(
      (s) =>
        s.targets.some((t) => targets.includes(t)) &&
        !(s.exemptAssumedRoot && caller.session?.kind === "root") &&
        s.deny.some((pattern) => actionMatches(pattern, action)),
    );
  }
}

/** IAM's action matching: `*` stands for any run of characters, and the match ignores case. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return regex.test(action);
}
