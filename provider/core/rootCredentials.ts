/**
 * Member accounts' root user credentials, as plain data: the four kinds, what an audit found, what is still there
 * that should not be, and how each is named in messages. No AWS and no Pulumi here.
 */

/** The kinds of root user credential, as `remove` names them. */
export const CREDENTIAL_KINDS = ["password", "accessKeys", "signingCertificates", "mfaDevices"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export function isCredentialKind(value: unknown): value is CredentialKind {
  return typeof value === "string" && (CREDENTIAL_KINDS as readonly string[]).includes(value);
}

/**
 * The kinds a declaration removes: what `remove` lists, or by default all four, except the password when password
 * recovery is allowed (recovery keeps a login profile, which removing the password would delete).
 */
export function kindsToRemove(remove: unknown, allowPasswordRecovery: unknown): CredentialKind[] {
  if (Array.isArray(remove)) return remove.filter(isCredentialKind);
  return CREDENTIAL_KINDS.filter((k) => !(allowPasswordRecovery === true && k === "password"));
}

export interface AccessKeyUse {
  id: string;
  /** When AWS last saw the key used; absent when never. */
  lastUsed?: { date: string; service: string; region: string };
}

/** What an audit found in one member account. */
export interface RootCredentials {
  /** A root password is set (GetAccountSummary's AccountPasswordPresent). */
  password: boolean;
  /** The root user has a login profile: a password, or a password-less profile that allows recovery. Known when asked for. */
  loginProfile?: boolean;
  accessKeys: AccessKeyUse[];
  signingCertificates: string[];
  /** MFA device serial numbers. */
  mfaDevices: string[];
}

/** "AKIA…XYZ1": enough to tell keys apart in state and messages, never the whole ID. */
export function maskKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : "…";
}

/** One credential that is present, for plans and messages. */
export interface PresentCredential {
  kind: CredentialKind;
  /** The ID to act on (a key ID, a certificate ID, an MFA serial); "" for the password. */
  id: string;
  /** "root access key AKIA…XYZ1". */
  label: string;
}

/** The credentials of the given kinds that are present. For `password` the login profile counts when it is known. */
export function presentCredentials(
  found: RootCredentials,
  kinds: readonly CredentialKind[] = CREDENTIAL_KINDS,
): PresentCredential[] {
  const out: PresentCredential[] = [];
  if (kinds.includes("password") && (found.loginProfile ?? found.password)) {
    out.push({ kind: "password", id: "", label: found.password ? "root password" : "root login profile (password recovery)" });
  }
  if (kinds.includes("accessKeys")) {
    for (const k of found.accessKeys) out.push({ kind: "accessKeys", id: k.id, label: `root access key ${maskKeyId(k.id)}` });
  }
  if (kinds.includes("signingCertificates")) {
    for (const c of found.signingCertificates)
      out.push({ kind: "signingCertificates", id: c, label: `root signing certificate ${c}` });
  }
  if (kinds.includes("mfaDevices")) {
    for (const d of found.mfaDevices) out.push({ kind: "mfaDevices", id: d, label: `root MFA device ${d}` });
  }
  return out;
}

/** How many root credentials are present: the password, or a password-less login profile, counts as one. */
export function credentialCount(found: RootCredentials): number {
  const login = found.password || found.loginProfile === true;
  return (login ? 1 : 0) + found.accessKeys.length + found.signingCertificates.length + found.mfaDevices.length;
}

/** A virtual MFA device is only deactivated: it stays in the member account, unassigned, until deleted there. */
export const MFA_NOTE =
  "deactivating an MFA device removes it from the root user; a virtual MFA device stays in the member account, " +
  "unassigned, until someone deletes it there: the IAMDeleteRootUserCredentials task policy does not allow deleting it";

/** A gate that runs at most `limit` of the functions given to it at once, in the order they were given. */
export function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = (): void => {
    if (running >= limit) return;
    const go = waiting.shift();
    if (go) {
      running += 1;
      go();
    }
  };
  return (fn) =>
    new Promise((resolve, reject) => {
      waiting.push(() =>
        fn()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            next();
          }),
      );
      next();
    });
}

/** Runs `fn` over `items` with at most `limit` running at once, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
