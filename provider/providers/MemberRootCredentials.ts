/**
 * The serialized provider of `MemberRootCredentials`: a member account's root user credentials, audited in every
 * diff (so a credential that reappears is drift in a plain preview), removed in create and update through root
 * sessions, and kept removed. The resource ID is the account ID. Delete changes nothing: deleted credentials cannot
 * be restored.
 */
import { CREDENTIAL_KINDS, credentialCount, kindsToRemove, maskKeyId, presentCredentials } from "../core/rootCredentials";
import type { CredentialKind, PresentCredential, RootCredentials } from "../core/rootCredentials";
import { TARGET_KEYS } from "../core/target";
import { UNKNOWN, importIsTheAccount, recoveryConflict } from "../core/validate";
import { AccountNotActiveMemberError, ImportMismatchError, RootAccessError, RootFeatureNotEnabledError } from "../errors";
import { allowPasswordRecovery, auditMember, removeCredentials } from "../rootCredentials/memberAccount";
import type { AuditOptions } from "../rootCredentials/memberAccount";
import { auditInGroup, dropAudits } from "../rootCredentials/auditBatch";
import type { AuditGroup } from "../rootCredentials/auditBatch";
import type { AwsApi } from "../aws";
import { reachedOrganization } from "./awsCalls";
import { connectionChangeNote, connectionOf, describeConnectionChange, makeProvider } from "./provider";
import type { Lifecycle, PropertyChange, Props, Reporter } from "./provider";

const KIND = "MemberRootCredentials";

function removeOf(props: Props): CredentialKind[] {
  return kindsToRemove(props.remove, props.allowPasswordRecovery);
}

function recoveryOf(props: Props): boolean {
  return props.allowPasswordRecovery === true;
}

function containsUnknown(props: Props): boolean {
  return (
    [props.accountId, props.allowPasswordRecovery, props.organizationId].includes(UNKNOWN) ||
    (Array.isArray(props.remove) ? props.remove.includes(UNKNOWN) : props.remove === UNKNOWN)
  );
}

/** What state records: what is still present, as counts and IDs (key IDs masked), never a secret. */
function outputsFor(accountId: string, found: RootCredentials, inputs: Props) {
  return {
    accountId,
    password: found.password,
    ...(found.loginProfile === undefined ? {} : { loginProfile: found.loginProfile }),
    accessKeys: found.accessKeys.map((k) => maskKeyId(k.id)),
    signingCertificates: [...found.signingCertificates],
    mfaDevices: [...found.mfaDevices],
    credentialCount: credentialCount(found),
    remove: removeOf(inputs),
    allowPasswordRecovery: recoveryOf(inputs),
    ...(typeof inputs.organizationId === "string" ? { organizationId: inputs.organizationId } : {}),
    ...connectionOf(inputs),
  };
}

/** The differences between what is live and what is declared, each in words. */
function deviations(
  accountId: string,
  found: RootCredentials,
  props: Props,
): { remove: PresentCredential[]; recovery: boolean; lines: string[] } {
  const remove = presentCredentials(found, removeOf(props));
  const recovery = recoveryOf(props) && !found.loginProfile;
  const lines = remove.map((c) => `${accountId}: ${c.label} present`);
  if (recovery) lines.push(`${accountId}: password recovery is not possible (the root user has no login profile)`);
  return { remove, recovery, lines };
}

/** Checks the declared `organizationId` against the organization the credentials reach (one read, only when declared). */
async function guard(api: AwsApi, action: string, props: Props): Promise<void> {
  if (typeof props.organizationId !== "string" || props.organizationId === UNKNOWN) return;
  await reachedOrganization(api, { action }, undefined, props);
}

/**
 * Asks about the login profile whenever it matters: recovery is declared, or the password is to be removed (a
 * password-less login profile left by recovery still lets the owner in, so it is removed with the password).
 */
function audit(api: AwsApi, accountId: string, props: Props): Promise<RootCredentials> {
  return auditMember(api, accountId, auditOptionsOf(props));
}

function auditOptionsOf(props: Props): AuditOptions {
  return { loginProfile: recoveryOf(props) || removeOf(props).includes("password") };
}

/**
 * The audit a diff or a read compares with: for a child of `OrganizationRootCredentials`, taken from the batch its
 * group's accounts are audited in together (rootCredentials/auditBatch.ts); otherwise its own.
 */
function auditToCompare(api: AwsApi, accountId: string, props: Props): Promise<RootCredentials> {
  const group = props.auditTogether;
  if (typeof group !== "object" || group === null) return audit(api, accountId, props);
  return auditInGroup(api, accountId, group as AuditGroup, auditOptionsOf(props));
}

/** What create or update will do about what was found, in words: "delete root access key AKIA…XYZ1; …". */
function describeWork(remove: PresentCredential[], recovery: boolean): string[] {
  return [
    ...remove.map((c) => `${c.kind === "mfaDevices" ? "deactivate" : "delete"} ${c.label}`),
    ...(recovery ? ['create a password-less login profile, so the account owner can use "forgot password"'] : []),
  ];
}

/** An import changes nothing: the account must already be as declared, or the import is refused. */
function refuseUnlessAsDeclared(accountId: string, remove: PresentCredential[], recovery: boolean, inputs: Props): void {
  const work = describeWork(remove, recovery);
  if (work.length === 0) return;
  const organization = typeof inputs.organizationId === "string" ? inputs.organizationId : "";
  throw new ImportMismatchError(KIND, organization, work.join("; "), `account ${accountId}`);
}

/** Create and update: remove what is present and declared, allow recovery when asked, audit again, say what was done. */
async function enforce(api: AwsApi, inputs: Props, report: Reporter) {
  const accountId = String(inputs.accountId);
  dropAudits(accountId);
  await guard(api, `manage the root credentials of account ${accountId}`, inputs);
  const before = await audit(api, accountId, inputs);
  const { remove, recovery } = deviations(accountId, before, inputs);
  if (inputs.importId !== undefined) {
    refuseUnlessAsDeclared(accountId, remove, recovery, inputs);
    report(`${KIND}: imported account ${accountId} by adoption (the root user is as declared; nothing was changed).`);
  }
  const done = await removeCredentials(api, accountId, remove);
  if (recovery) {
    await allowPasswordRecovery(api, accountId);
    done.push('created a password-less login profile, so the account owner can use "forgot password"');
  }
  const after = remove.length > 0 || recovery ? await audit(api, accountId, inputs) : before;
  // A clean account says nothing: at hundreds of accounts a line each would bury the ones that changed.
  if (done.length > 0) report(`${KIND} ${accountId}: ${done.join("; ")}.`);
  const left = deviations(accountId, after, inputs).lines;
  if (left.length > 0) report(`${KIND} ${accountId}: still present after removal: ${left.join("; ")}.`);
  return { id: accountId, outs: outputsFor(accountId, after, inputs) };
}

/** The preview of a create: the audit the create depends on, and exactly what it will delete. */
async function planCreate(api: AwsApi, inputs: Props, report: Reporter): Promise<void> {
  const accountId = String(inputs.accountId);
  await guard(api, `manage the root credentials of account ${accountId}`, inputs);
  let found: RootCredentials;
  try {
    found = await audit(api, accountId, inputs);
  } catch (e) {
    // A feature the program may enable first (CentralizedRootAccess from a bare organization): pending, not failed.
    if (!RootFeatureNotEnabledError.is(e)) throw e;
    report(
      `${KIND} ${accountId}: cannot audit the account before the create. ${e.message} If the program enables it ` +
        `first, the create audits then and removes whatever is present of: ${removeOf(inputs).join(", ") || "nothing"}.`,
    );
    return;
  }
  const { remove, recovery } = deviations(accountId, found, inputs);
  if (inputs.importId !== undefined) return refuseUnlessAsDeclared(accountId, remove, recovery, inputs);
  const work = describeWork(remove, recovery);
  if (work.length > 0) report(`${KIND} ${accountId}: the create will ${work.join("; ")}.`);
}

/** Why the other accounts may not have converged, and the flag that converges them. */
const OTHER_ACCOUNTS_NOTE =
  " Other member accounts: Pulumi starts no further change after an error, so any account it had not reached yet " +
  "is left as it was; `pulumi up --continue-on-error` converges every account but the failing ones (add " +
  "`--skip-preview` when the preview stops at this one), or leave this account out with `excludeAccountIds`.";

/** One account's failure, told with what it means for the others (the engine, not the package, stops at it). */
async function forOneAccount<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (RootAccessError.is(e) && !e.message.endsWith(OTHER_ACCOUNTS_NOTE)) e.message += OTHER_ACCOUNTS_NOTE;
    throw e;
  }
}

const lifecycle: Lifecycle = {
  planCreate: (api, inputs, report) => forOneAccount(() => planCreate(api, inputs, report)),
  create: (api, inputs, report) => forOneAccount(() => enforce(api, inputs, report)),
  update: (api, _id, _olds, news, report) => forOneAccount(async () => ({ outs: (await enforce(api, news, report)).outs })),

  async diff(api, id, olds, news, report) {
    if (containsUnknown(news)) return { changes: true };
    const accountId = String(news.accountId);
    if (accountId !== id) {
      report(`${KIND}: the account changed from ${id} to ${accountId}; it is replaced (nothing is restored in ${id}).`);
      return { changes: true, replaces: ["accountId"], deleteBeforeReplace: false };
    }
    await guard(api, `compare ${KIND} ${accountId} with the live account`, news);
    const found = await auditToCompare(api, accountId, news);
    const { remove, recovery, lines } = deviations(accountId, found, news);
    if (lines.length > 0) {
      report(`${KIND} drift: ${lines.join("; ")}; \`pulumi up\` will ${describeWork(remove, recovery).join("; ")}.`);
      const drift: Record<string, PropertyChange> = {};
      for (const c of remove) drift[c.kind] = "update";
      if (recovery) drift.loginProfile = "update";
      return { changes: true, drift };
    }
    const declared =
      removeOf(olds).join() !== removeOf(news).join() ||
      recoveryOf(olds) !== recoveryOf(news) ||
      olds.organizationId !== news.organizationId;
    const connection = describeConnectionChange(olds, news);
    if (connection) report(connectionChangeNote(KIND, connection));
    return { changes: declared || Boolean(connection) };
  },

  async read(api, id, props, report) {
    const accountId = typeof props.accountId === "string" ? props.accountId : id;
    try {
      return { id: accountId, props: outputsFor(accountId, await auditToCompare(api, accountId, props), props) };
    } catch (e) {
      // An account that left the organization or was closed has nothing left to manage: refresh drops it.
      if (!AccountNotActiveMemberError.is(e)) throw e;
      report(`${KIND} ${accountId}: ${e.message} Refresh removes the resource from the stack.`);
      return { id: "", props: {} };
    }
  },

  asDeclared(outs) {
    // An import deletes nothing: "keep removed" is declared only for the kinds that are absent.
    const present = (k: CredentialKind): boolean => {
      const v = outs[k];
      return Array.isArray(v) ? v.length > 0 : v === true;
    };
    return { remove: CREDENTIAL_KINDS.filter((k) => !present(k)) };
  },

  async delete(_api, id, _props, report) {
    report(
      `${KIND} ${id}: leaving the account's root user as it is. Deleted root credentials cannot be restored, so ` +
        "deleting this resource only stops Pulumi from watching the account.",
    );
  },
};

export = makeProvider(
  KIND,
  [...TARGET_KEYS, "importId", "accountId", "remove", "allowPasswordRecovery", "auditTogether"],
  lifecycle,
  [recoveryConflict, importIsTheAccount],
);
