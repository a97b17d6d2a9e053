/**
 * The world the services act on: the emulator's state (see state.ts), what lives only in memory beside it, and the
 * lookups every service rule starts from (who is calling, and what their organization looks like).
 */
import type { Account, EmulatorState, Organization } from "./state";
import { IAM_SERVICE_PRINCIPAL } from "./state";

export interface Caller {
  accessKeyId: string;
  accountId: string;
  allowedActions?: string[];
}

export class World {
  /** Per organization: the time (ms) before which IAM does not yet see trusted access that was just enabled. */
  readonly iamTrustedAccessVisibleAt = new Map<string, number>();

  /** Secrets of temporary credentials minted by AssumeRole, kept in memory only, so tests can prove none leaks. */
  readonly mintedSecrets: string[] = [];

  /** How long IAM keeps answering ServiceAccessNotEnabled after trusted access is enabled (a fault to test waits). */
  propagationDelayMs = 0;

  constructor(public state: EmulatorState) {}

  onIamTrustedAccessEnabled(org: Organization, now = Date.now()): void {
    if (this.propagationDelayMs > 0) this.iamTrustedAccessVisibleAt.set(org.id, now + this.propagationDelayMs);
  }

  /** Maps the SigV4 access key to its account; undefined for a key the world does not accept. */
  callerFor(accessKeyId: string): Caller | undefined {
    const key = this.state.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (key) {
      const caller: Caller = { accessKeyId, accountId: key.accountId };
      if (key.allowedActions) caller.allowedActions = key.allowedActions;
      return caller;
    }
    if (this.state.defaultAccountId === null) return undefined;
    return { accessKeyId, accountId: this.state.defaultAccountId };
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

  /** Whether IAM sees trusted access for this organization now (false during the propagation window). */
  iamSeesTrustedAccess(org: Organization, now = Date.now()): boolean {
    if (!Object.hasOwn(org.trustedServices, IAM_SERVICE_PRINCIPAL)) return false;
    return now >= (this.iamTrustedAccessVisibleAt.get(org.id) ?? 0);
  }
}
