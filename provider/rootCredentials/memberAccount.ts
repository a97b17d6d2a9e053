/**
 * The work in one member account, through root sessions: audit its root user's credentials, delete some, allow
 * password recovery. Shared by the `MemberRootCredentials` resource and the fleet audit. Every failure is diagnosed
 * into one of the package's errors naming the account, the cause and the fix.
 */
import { MFA_NOTE } from "../core/rootCredentials";
import type { CredentialKind, PresentCredential, RootCredentials } from "../core/rootCredentials";
import { inRootSession } from "../aws";
import type { AwsApi } from "../aws";

export interface AuditOptions {
  /**
   * Also ask whether a login profile exists when no password is set: a password-less one (left by password
   * recovery) is still a way in. One more call for an account without a password.
   */
  loginProfile?: boolean;
  /** Also read when each access key was last used; one more call per key. */
  lastUsed?: boolean;
}

/** What the fleet audit asks of every account: everything, with each access key's last use. */
export const FULL_AUDIT: AuditOptions = { loginProfile: true, lastUsed: true };

/**
 * Audits one member account: one AssumeRoot and one GetAccountSummary, then only the List and Get calls that name
 * what the summary says is present (and, when asked and no password is set, GetLoginProfile).
 */
export async function auditMember(api: AwsApi, accountId: string, options: AuditOptions = {}): Promise<RootCredentials> {
  return inRootSession(
    api,
    accountId,
    "IAMAuditRootUserCredentials",
    `audit the root user of account ${accountId}`,
    async (root) => {
      const summary = await root.summary();
      // The kinds are independent: their calls run side by side, so an account costs its longest chain, not the sum.
      const accessKeys = async () =>
        Promise.all(
          (await root.accessKeys()).map(async (id) => {
            const lastUsed = options.lastUsed ? await root.accessKeyLastUsed(id) : undefined;
            return lastUsed ? { id, lastUsed } : { id };
          }),
        );
      const [keys, signingCertificates, mfaDevices, loginProfile] = await Promise.all([
        summary.accessKeys ? accessKeys() : [],
        summary.signingCertificates ? root.signingCertificates() : [],
        summary.mfaDevices ? root.mfaDevices() : [],
        options.loginProfile && !summary.password ? root.loginProfileExists() : summary.password,
      ]);
      const found: RootCredentials = { password: summary.password, accessKeys: keys, signingCertificates, mfaDevices };
      if (options.loginProfile) found.loginProfile = loginProfile;
      return found;
    },
  );
}

/** Deletes the given credentials in one IAMDeleteRootUserCredentials session; returns what was done, in words. */
export async function removeCredentials(api: AwsApi, accountId: string, items: PresentCredential[]): Promise<string[]> {
  if (items.length === 0) return [];
  const action = `delete root credentials of account ${accountId}`;
  return inRootSession(api, accountId, "IAMDeleteRootUserCredentials", action, async (root) => {
    const done: string[] = [];
    const step: Record<CredentialKind, (id: string) => Promise<void>> = {
      password: () => root.deleteLoginProfile(),
      accessKeys: (id) => root.deleteAccessKey(id),
      signingCertificates: (id) => root.deleteSigningCertificate(id),
      mfaDevices: (id) => root.deactivateMfaDevice(id),
    };
    for (const item of items) {
      await step[item.kind](item.id);
      done.push(`${item.kind === "mfaDevices" ? "deactivated" : "deleted"} ${item.label}`);
    }
    if (items.some((i) => i.kind === "mfaDevices")) done.push(`note: ${MFA_NOTE}`);
    return done;
  });
}

/** Creates a password-less login profile in one IAMCreateRootUserPassword session, so the owner can recover the account. */
export async function allowPasswordRecovery(api: AwsApi, accountId: string): Promise<void> {
  const action = `allow password recovery for the root user of account ${accountId}`;
  await inRootSession(api, accountId, "IAMCreateRootUserPassword", action, (root) => root.createLoginProfile());
}
