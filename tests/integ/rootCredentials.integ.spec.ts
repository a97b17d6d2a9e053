/**
 * Member-account root credentials against the emulator, through the real AWS SDK: the fleet audit and the
 * MemberRootCredentials provider, their calls per account, per-account isolation, diagnostics and secrecy.
 */
import { expect } from "chai";
import { auditRootCredentials } from "../../provider/rootCredentials/audit";
import { renderAudit } from "../../provider/rootCredentials/report";
import { RootAccessError } from "../../provider/errors";
import type { RootFeatureNotEnabledError } from "../../provider/errors";
import { allowPasswordRecovery } from "../../provider/rootCredentials/memberAccount";
import { createAwsApi, resolveConnection } from "../../provider/aws";
import { BATCH_TTL_MS, forgetAuditBatches } from "../../provider/rootCredentials/auditBatch";
import type { CallRecord } from "../../emulator";
import { providerFor } from "../providers";
import {
  DELEGATED_ADMIN,
  KEYS,
  MANAGEMENT,
  MEMBER,
  MEMBER_2,
  ORG_ID,
  SUSPENDED,
  operations,
  rootCredentialsSeed,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { muted, useEmulatorEnvironment } from "../integEnvironment";
import { captured } from "../../harness/stdout";

const MEMBER_KEY = "AKIAROOTMEMBER000001";

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );
}

/** Everything a run could leak through: results, outputs, messages and the emulator's call log, as one text. */
function leakSurface(fx: EmulatorFixture, ...values: unknown[]): string {
  return JSON.stringify([
    fx.emulator.calls(),
    ...values.map((v) => (v instanceof Error ? `${v.name} ${v.message} ${v.stack}` : v)),
  ]);
}

function withSeed(seed: () => Record<string, unknown>, caller: string = KEYS.management) {
  const ctx = { fx: undefined as unknown as EmulatorFixture };
  before(async () => {
    ctx.fx = await startEmulator({ seed: seed() });
  });
  after(async () => ctx.fx.close());
  useEmulatorEnvironment(
    () => ctx.fx,
    () => caller,
  );
  beforeEach(() => {
    ctx.fx.emulator.setState(seed());
    ctx.fx.emulator.clearCalls();
  });
  return ctx;
}

describe("password recovery needs both features", () => {
  for (const [on, off] of [
    ["RootSessions", "RootCredentialsManagement"],
    ["RootCredentialsManagement", "RootSessions"],
  ] as const)
    describe(`with only ${on} on`, () => {
      withSeed(() => rootCredentialsSeed([on]));

      it(`is refused with RootFeatureNotEnabledError naming ${off}, the feature that is off`, async () => {
        const err = await failure(allowPasswordRecovery(createAwsApi(resolveConnection([])), MEMBER_2));
        expect(err.name).to.equal("RootFeatureNotEnabledError");
        expect((err as RootFeatureNotEnabledError).feature).to.equal(off);
        expect(err.message).to.contain(
          `a root session for IAMCreateRootUserPassword in account ${MEMBER_2} needs the centralized root access features ` +
            `RootCredentialsManagement and RootSessions; ${off} is not enabled`,
        );
      });
    });
});

describe("auditRootCredentials against the emulator", () => {
  describe("from the management account", () => {
    const ctx = withSeed(() => rootCredentialsSeed());

    it("audits the ACTIVE member accounts, lists a suspended one as not audited, and finds what each root user has", async () => {
      const audit = await auditRootCredentials();
      expect(audit.organizationId).to.equal(ORG_ID);
      expect(audit.accounts.map((a) => a.accountId).sort()).to.deep.equal(
        [MANAGEMENT, MEMBER, DELEGATED_ADMIN, MEMBER_2, SUSPENDED].sort(),
      );
      expect(audit.accounts.find((a) => a.accountId === SUSPENDED)).to.deep.include({
        status: "SUSPENDED",
        notAudited: "the account is SUSPENDED: no root session reaches it",
      });
      const member = audit.accounts.find((a) => a.accountId === MEMBER)!;
      expect(member.credentials).to.deep.include({
        password: true,
        signingCertificates: ["CERTROOTMEMBER00000000001"],
        mfaDevices: [`arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`],
      });
      expect(member.credentials!.accessKeys.map((k) => k.id)).to.deep.equal([MEMBER_KEY]);
      // The management account is audited too (its own root user, no MFA: not as CIS expects).
      expect(audit.summary).to.deep.equal({
        accounts: 5,
        audited: 4,
        clean: 1,
        withRootCredentials: 3,
        failed: 0,
        notAudited: 1,
      });
      expect(audit.exitCode).to.equal(1);
      const targets = ctx.fx.emulator.calls().map((c) => c.targetAccountId);
      expect(targets).to.not.include(MANAGEMENT).and.not.include(SUSPENDED);
    });

    it("spends one AssumeRoot, one GetAccountSummary and (no password) one GetLoginProfile on a clean account", async () => {
      const audit = await auditRootCredentials({ accounts: [MEMBER_2] });
      expect(audit.exitCode).to.equal(0);
      const perAccount = ctx.fx.emulator
        .calls()
        .filter((c) => c.targetAccountId === MEMBER_2)
        .map((c) => c.operation);
      expect(perAccount).to.deep.equal(["AssumeRoot", "GetAccountSummary", "GetLoginProfile"]);
      // The listing gives the named account its name and status.
      expect(operations(ctx.fx.emulator)).to.have.members([
        "DescribeOrganization",
        "ListAccounts",
        "AssumeRoot",
        "GetAccountSummary",
        "GetLoginProfile",
      ]);
    });

    it("opens one audit session per account, each with IAMAuditRootUserCredentials", async () => {
      await auditRootCredentials();
      const sessions = ctx.fx.emulator.calls().filter((c) => c.operation === "AssumeRoot");
      expect(sessions.map((c) => c.targetAccountId).sort()).to.deep.equal([MEMBER, DELEGATED_ADMIN, MEMBER_2].sort());
      expect(new Set(sessions.map((c) => c.taskPolicy))).to.deep.equal(new Set(["IAMAuditRootUserCredentials"]));
    });

    it("gives the management account its own row, its root user read with its own credentials, with no root session for it", async () => {
      const audit = await auditRootCredentials({ accounts: [MEMBER, MANAGEMENT] });
      const row = audit.accounts.find((a) => a.accountId === MANAGEMENT)!;
      expect(row.management).to.deep.equal({
        passwordPresent: false,
        mfaEnabled: false,
        accessKeysPresent: false,
        signingCertificatesPresent: false,
        findings: ["the root user has no MFA device (CIS expects one)"],
      });
      expect(renderAudit(audit, "table")).to.contain(
        "centralized root access does not remove the management account's root credentials",
      );
      expect(row.name, "named from the listing").to.equal("management");
      expect(audit.accounts.find((a) => a.accountId === MEMBER)!.credentials?.password).to.equal(true);
      const sessions = ctx.fx.emulator.calls().filter((c) => c.operation === "AssumeRoot");
      expect(sessions.map((c) => c.targetAccountId)).to.deep.equal([MEMBER]);
    });

    it("rejects wrong options with every problem at once and no AWS call", async () => {
      const err = await failure(auditRootCredentials({ accounts: ["12", MEMBER, MEMBER], concurrency: 65 }));
      expect(err.name).to.equal("InvalidArgumentsError");
      expect(err.message).to.contain("accounts[0]").and.contain("more than once").and.contain("from 1 to 64");
      expect(ctx.fx.emulator.calls()).to.have.length(0);
    });

    it("keeps every root session's key ID, secret and token out of its results and the emulator's call log", async () => {
      const audit = await auditRootCredentials();
      const minted = ctx.fx.emulator.mintedCredentials();
      expect(minted.length).to.be.at.least(9);
      const surface = leakSurface(
        ctx.fx,
        audit,
        renderAudit(audit, "json"),
        renderAudit(audit, "csv"),
        renderAudit(audit, "table"),
      );
      for (const secret of minted) expect(surface).to.not.contain(secret);
    });

    it("absorbs throttling of root sessions and their calls with the SDK's standard retries", async () => {
      ctx.fx.emulator.setFaults({ rules: [{ kind: "throttle", count: 2, operations: ["AssumeRoot", "GetAccountSummary"] }] });
      try {
        const audit = await auditRootCredentials({ accounts: [MEMBER_2] });
        expect(audit.exitCode).to.equal(0);
        expect(ctx.fx.emulator.calls().filter((c) => c.fault === "throttle")).to.have.length(2);
      } finally {
        ctx.fx.emulator.setFaults({ rules: [] });
      }
    });

    it("reports progress after each account", async () => {
      const seen: string[] = [];
      await auditRootCredentials({ onProgress: (done, total) => seen.push(`${done}/${total}`) });
      expect(seen).to.deep.equal(["1/3", "2/3", "3/3"]);
    });
  });

  describe("with an SCP that denies IAM to one account's root user", () => {
    withSeed(() => {
      const seed = rootCredentialsSeed();
      (seed.organizations as Array<Record<string, unknown>>)[0]!.serviceControlPolicies = [
        { targets: [MEMBER], deny: ["iam:*"] },
      ];
      return seed;
    });

    it("audits the other accounts, and fails that account's row naming the SCP and the aws:AssumedRoot exemption", async () => {
      const audit = await auditRootCredentials();
      const row = audit.accounts.find((a) => a.accountId === MEMBER)!;
      expect(row.error?.name).to.equal("ServiceControlPolicyDeniedError");
      expect(row.error?.message).to.contain(MEMBER).and.contain("aws:AssumedRoot");
      expect(
        audit.accounts
          .filter((a) => a.credentials)
          .map((a) => a.accountId)
          .sort(),
      ).to.deep.equal([DELEGATED_ADMIN, MEMBER_2].sort());
      expect(audit.summary).to.deep.equal({
        accounts: 5,
        audited: 3,
        clean: 1,
        withRootCredentials: 2,
        failed: 1,
        notAudited: 1,
      });
      expect(audit.exitCode).to.equal(2);
    });
  });

  describe("with RootCredentialsManagement off", () => {
    withSeed(() => rootCredentialsSeed(["RootSessions"]));

    it("fails every audited row, saying once for the organization which feature is off and the resource to declare", async () => {
      const audit = await auditRootCredentials();
      expect(audit.exitCode).to.equal(2);
      expect(audit.organizationError?.name).to.equal("RootFeatureNotEnabledError");
      expect(audit.organizationError?.message).to.contain("RootCredentialsManagement").and.contain("each member account");
      for (const row of audit.accounts.filter((a) => !a.notAudited && !a.management)) {
        expect(row.error).to.deep.equal({
          name: "RootFeatureNotEnabledError",
          message: "the organization-level error above (organizationError)",
        });
      }
      const table = renderAudit(audit, "table");
      expect(table.split(audit.organizationError!.message).length - 1, "said once").to.equal(1);
    });
  });

  describe("from the IAM delegated administrator", () => {
    withSeed(() => rootCredentialsSeed(), KEYS.delegatedAdmin);

    it("audits the member accounts as the management account would", async () => {
      const audit = await auditRootCredentials({ accounts: [MEMBER, MEMBER_2] });
      expect(audit.exitCode).to.equal(1);
      expect(audit.accounts.map((a) => a.error)).to.deep.equal([undefined, undefined]);
    });
  });

  describe("from a member account that is not the delegated administrator", () => {
    withSeed(() => rootCredentialsSeed(), KEYS.member);

    it("fails each row saying the caller may not start root sessions", async () => {
      const audit = await auditRootCredentials({ accounts: [MEMBER_2] });
      expect(audit.exitCode).to.equal(2);
      expect(audit.accounts[0]!.error?.message).to.match(/neither the management account nor the IAM delegated administrator/);
    });
  });
});

describe("the diffs of OrganizationRootCredentials' children, audited together", () => {
  const ctx = withSeed(() => rootCredentialsSeed());
  const provider = () => providerFor("MemberRootCredentials");
  const GROUP = [MEMBER, DELEGATED_ADMIN, MEMBER_2].sort();
  const inputs = (accountId: string) => ({ accountId, auditTogether: {} });
  const auditsOf = (calls: CallRecord[]) => calls.filter((c) => c.operation === "AssumeRoot").map((c) => c.targetAccountId!);
  let outs: Record<string, Record<string, unknown>>;
  beforeEach(async () => {
    forgetAuditBatches();
    outs = {};
    for (const id of GROUP) outs[id] = (await muted(() => provider().create(inputs(id)))).outs;
    ctx.fx.emulator.clearCalls();
  });
  afterEach(() => forgetAuditBatches());

  it("audits every account of the group once, from the first diff on: one listing, and the later diffs make no call", async () => {
    for (const id of GROUP) expect((await muted(() => provider().diff(id, outs[id]!, inputs(id)))).changes).to.equal(false);
    const calls = ctx.fx.emulator.calls();
    expect(auditsOf(calls).sort(), "one root session per account").to.deep.equal(GROUP);
    expect(calls.filter((c) => c.operation === "ListAccounts")).to.have.length(1);
    expect(calls.filter((c) => c.operation === "DescribeOrganization")).to.have.length(1);
  });

  it("answers the first diff from its own account's audit, without waiting for the listing", async () => {
    const [first] = GROUP;
    ctx.fx.emulator.setFaults({ rules: [{ kind: "latency", count: 1, operations: ["ListAccounts"], ms: 2_000 }] });
    expect((await muted(() => provider().diff(first!, outs[first!]!, inputs(first!)))).changes).to.equal(false);
    // The others' audits start from the listing's page: none has yet, so the answer did not wait for it.
    expect(auditsOf(ctx.fx.emulator.calls()), "only the asking account so far").to.deep.equal([first]);
    for (const id of GROUP.slice(1)) await muted(() => provider().diff(id, outs[id]!, inputs(id)));
    expect(auditsOf(ctx.fx.emulator.calls()).sort()).to.deep.equal(GROUP);
  });

  it("keeps each account's own drift, and takes a result once: the next operation audits afresh", async () => {
    const state = ctx.fx.emulator.state();
    state.accounts.find((a) => a.id === MEMBER_2)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1" as never);
    ctx.fx.emulator.setState(state);
    const first = await muted(() => Promise.all(GROUP.map((id) => provider().diff(id, outs[id]!, inputs(id)))));
    expect(GROUP.filter((_, i) => first[i]!.changes)).to.deep.equal([MEMBER_2]);
    ctx.fx.emulator.clearCalls();
    await muted(() => provider().diff(MEMBER, outs[MEMBER]!, inputs(MEMBER)));
    expect(auditsOf(ctx.fx.emulator.calls()).sort(), "a second operation starts a new batch").to.deep.equal(GROUP);
  });

  it("never hands out a result read before the account was changed, nor one older than the batch's time limit", async () => {
    await muted(() => provider().diff(MEMBER, outs[MEMBER]!, inputs(MEMBER)));
    await muted(() => provider().update(MEMBER_2, outs[MEMBER_2]!, inputs(MEMBER_2)));
    ctx.fx.emulator.clearCalls();
    await muted(() => provider().diff(MEMBER_2, outs[MEMBER_2]!, inputs(MEMBER_2)));
    expect(auditsOf(ctx.fx.emulator.calls()), "dropped by the update: a new batch").to.include(MEMBER_2);
    const now = Date.now;
    try {
      Date.now = () => now() + BATCH_TTL_MS;
      ctx.fx.emulator.clearCalls();
      await muted(() => provider().diff(DELEGATED_ADMIN, outs[DELEGATED_ADMIN]!, inputs(DELEGATED_ADMIN)));
      expect(auditsOf(ctx.fx.emulator.calls()), "expired: audited afresh").to.include(DELEGATED_ADMIN);
    } finally {
      Date.now = now;
    }
  });
});

describe("the MemberRootCredentials provider against the emulator", () => {
  const ctx = withSeed(() => rootCredentialsSeed());
  const provider = () => providerFor("MemberRootCredentials");

  it("removes every root credential of the account in one delete session, and records only masked IDs and counts", async () => {
    const created = await muted(() => provider().create({ accountId: MEMBER }));
    expect(created.id).to.equal(MEMBER);
    expect(created.outs).to.deep.include({
      password: false,
      accessKeys: [],
      signingCertificates: [],
      mfaDevices: [],
      credentialCount: 0,
    });
    const sessions = ctx.fx.emulator
      .calls()
      .filter((c) => c.operation === "AssumeRoot")
      .map((c) => c.taskPolicy);
    expect(sessions).to.deep.equal([
      "IAMAuditRootUserCredentials",
      "IAMDeleteRootUserCredentials",
      "IAMAuditRootUserCredentials",
    ]);
    expect(operations(ctx.fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.have.members([
      "DeleteLoginProfile",
      "DeleteAccessKey",
      "DeleteSigningCertificate",
      "DeactivateMFADevice",
    ]);
    const root = ctx.fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser!;
    expect(root).to.deep.include({ password: false, accessKeys: [], signingCertificates: [] });
  });

  it("opens no delete session for a clean account: three calls in all, the login profile checked", async () => {
    await muted(() => provider().create({ accountId: MEMBER_2 }));
    expect(operations(ctx.fx.emulator)).to.deep.equal(["AssumeRoot", "GetAccountSummary", "GetLoginProfile"]);
  });

  it("deletes only the kinds remove names", async () => {
    const created = await muted(() => provider().create({ accountId: MEMBER, remove: ["accessKeys"] }));
    expect(operations(ctx.fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([
      "DeleteAccessKey",
    ]);
    expect(created.outs).to.deep.include({ password: true, accessKeys: [], credentialCount: 3 });
  });

  it("shows a key that reappears as drift naming the account and the masked key, and update removes it", async () => {
    const p = provider();
    const created = await muted(() => p.create({ accountId: MEMBER }));
    const state = ctx.fx.emulator.state();
    state.accounts.find((a) => a.id === MEMBER)!.rootUser!.accessKeys.push("AKIACONSOLE00000XYZ1" as never);
    ctx.fx.emulator.setState(state);
    const { result: diff, text } = await captured(() => p.diff(MEMBER, created.outs, { accountId: MEMBER }));
    expect(diff.changes).to.equal(true);
    expect(text).to.contain(`${MEMBER}: root access key AKIA…XYZ1 present`);
    expect(text).to.not.contain("AKIACONSOLE00000XYZ1");
    const updated = await muted(() => p.update(MEMBER, created.outs, { accountId: MEMBER }));
    expect(updated.outs!.accessKeys).to.deep.equal([]);
    expect((await muted(() => p.diff(MEMBER, updated.outs!, { accountId: MEMBER }))).changes).to.equal(false);
  });

  it("creates a password-less login profile for recovery through IAMCreateRootUserPassword", async () => {
    const created = await muted(() =>
      provider().create({
        accountId: MEMBER_2,
        remove: ["accessKeys", "signingCertificates", "mfaDevices"],
        allowPasswordRecovery: true,
      }),
    );
    expect(
      ctx.fx.emulator.calls().some((c) => c.operation === "AssumeRoot" && c.taskPolicy === "IAMCreateRootUserPassword"),
    ).to.equal(true);
    expect(created.outs).to.deep.include({ password: false, loginProfile: true });
  });

  it("changes nothing in AWS on delete, and says why", async () => {
    const before = JSON.stringify(ctx.fx.emulator.state().accounts);
    await muted(() => provider().delete(MEMBER, { accountId: MEMBER }));
    expect(ctx.fx.emulator.calls()).to.have.length(0);
    expect(JSON.stringify(ctx.fx.emulator.state().accounts)).to.equal(before);
  });

  it("fails for the management account with ManagementAccountTargetError, and changes nothing", async () => {
    const err = await failure(muted(() => provider().create({ accountId: MANAGEMENT })));
    expect(RootAccessError.is(err)).to.equal(true);
    expect(err.message).to.contain("ManagementAccountTargetError").and.contain(MANAGEMENT);
    expect(operations(ctx.fx.emulator, { mutatingOnly: true }).filter((o) => o !== "AssumeRoot")).to.deep.equal([]);
  });

  it("fails for a suspended account naming its status", async () => {
    const err = await failure(muted(() => provider().create({ accountId: SUSPENDED })));
    expect(err.message).to.contain("AccountNotActiveMemberError").and.contain(SUSPENDED).and.contain("SUSPENDED");
  });

  it("keeps root-session secrets out of outputs, messages and the call log", async () => {
    const p = provider();
    const { result: created, text } = await captured(async () => {
      const c = await p.create({ accountId: MEMBER });
      await p.read(MEMBER, c.outs);
      return c;
    });
    const minted = ctx.fx.emulator.mintedCredentials();
    expect(minted.length).to.be.at.least(9);
    const surface = leakSurface(ctx.fx, created, text);
    for (const secret of minted) expect(surface).to.not.contain(secret);
  });
});

describe("refused root sessions across a large organization", () => {
  const ACCOUNTS = 400;
  const members = Array.from({ length: ACCOUNTS }, (_, i) => String(700000000000 + i));
  /** Every member refused: the caller's key may call IAM and Organizations, but not sts:AssumeRoot. */
  const seed = (): Record<string, unknown> => {
    const base = rootCredentialsSeed();
    base.accounts = [
      { id: MANAGEMENT, name: "management", organizationId: ORG_ID },
      ...members.map((id) => ({ id, name: `member-${id}`, organizationId: ORG_ID })),
    ];
    base.accessKeys = [{ accessKeyId: KEYS.management, accountId: MANAGEMENT, allowedActions: ["iam:*", "organizations:*"] }];
    (base.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
    return base;
  };
  const ctx = withSeed(seed);

  it("diagnoses the organization once per run: at most 3 calls per refused account, not a ListAccounts each", async () => {
    const audit = await auditRootCredentials();
    const members = audit.accounts.filter((a) => !a.management);
    expect(members).to.have.length(ACCOUNTS);
    expect(audit.summary.failed).to.equal(ACCOUNTS);
    expect(new Set(members.map((a) => a.error?.name))).to.deep.equal(new Set(["RootSessionDeniedError"]));
    const calls = operations(ctx.fx.emulator);
    const listings = calls.filter((op) => op === "ListAccounts").length;
    expect(calls.length / ACCOUNTS, `${calls.length} calls, ${listings} of them ListAccounts`).to.be.at.most(3);
    expect(calls.filter((op) => op === "ListOrganizationsFeatures")).to.have.length(1);
  });
});
