import { expect } from "chai";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { AssumeRoleCommand, AssumeRootCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AssumeRootCommandInput } from "@aws-sdk/client-sts";
import {
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import {
  ConstraintViolationExceptionReason,
  InvalidInputExceptionReason,
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
} from "@aws-sdk/client-organizations";
import {
  IAM_PRINCIPAL,
  KEYS,
  MANAGEMENT,
  MEMBER,
  MEMBER_2,
  ORG_ID,
  STANDALONE,
  SUSPENDED,
  rootCredentialsSeed,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const TASK = (name: string) => ({ arn: `arn:aws:iam::aws:policy/root-task/${name}` });
const AUDIT = TASK("IAMAuditRootUserCredentials");
const DELETE = TASK("IAMDeleteRootUserCredentials");
const PASSWORD = TASK("IAMCreateRootUserPassword");

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; Reason?: string }> {
  const e = (await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: unknown) => err,
  )) as { name: string; message: string; Reason?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, ...(e.Reason ? { Reason: e.Reason } : {}) };
}

describe("emulator: STS AssumeRoot and root sessions (real SDK)", () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await startEmulator({ seed: rootCredentialsSeed() });
  });
  afterEach(async () => fx.close());

  const assumeRoot = (input: AssumeRootCommandInput, key: string = KEYS.management) =>
    fx.clientsFor(key).sts.send(new AssumeRootCommand(input));

  describe("who may start a root session, for whom", () => {
    it("gives the management account short-lived ASIA credentials for a member, 900 seconds by default", async () => {
      const before = Date.now();
      const out = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      expect(out.Credentials!.AccessKeyId).to.match(/^ASIA[A-Z2-7]{16}$/);
      expect(out.Credentials!.SessionToken).to.have.length.greaterThan(50);
      const lasts = out.Credentials!.Expiration!.getTime() - before;
      expect(lasts).to.be.within(899_000, 901_000);
      const short = await assumeRoot({
        TargetPrincipal: `arn:aws:iam::${MEMBER}:root`,
        TaskPolicyArn: AUDIT,
        DurationSeconds: 60,
      });
      expect(short.Credentials!.Expiration!.getTime() - Date.now()).to.be.within(58_000, 61_000);
    });

    it("lets the IAM delegated administrator start one too", async () => {
      const out = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT }, KEYS.delegatedAdmin);
      expect(out.Credentials!.AccessKeyId).to.match(/^ASIA/);
    });

    const refusals: Array<[string, AssumeRootCommandInput, string, string | RegExp]> = [
      [
        "a member account",
        { TargetPrincipal: MEMBER_2, TaskPolicyArn: AUDIT },
        KEYS.member,
        /only the management account or the IAM delegated administrator/,
      ],
      [
        "an account outside any organization",
        { TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT },
        KEYS.standalone,
        /in no organization/,
      ],
      [
        "the management account as target",
        { TargetPrincipal: MANAGEMENT, TaskPolicyArn: AUDIT },
        KEYS.management,
        /management account cannot be the target/,
      ],
      [
        "an account outside the organization as target",
        { TargetPrincipal: STANDALONE, TaskPolicyArn: AUDIT },
        KEYS.management,
        /is not a member of o-a1b2c3d4e5/,
      ],
      [
        "a suspended member as target",
        { TargetPrincipal: SUSPENDED, TaskPolicyArn: AUDIT },
        KEYS.management,
        /is SUSPENDED, not ACTIVE/,
      ],
    ];
    for (const [title, input, key, message] of refusals) {
      it(`refuses ${title} with AccessDenied`, async () => {
        const err = await errorOf(assumeRoot(input, key));
        expect(err).to.include({ name: "AccessDenied", status: 403 });
        expect(err.message).to.match(typeof message === "string" ? new RegExp(message) : message);
      });
    }

    it("validates the task policy, the target and the duration with ValidationError", async () => {
      for (const input of [
        { TargetPrincipal: MEMBER, TaskPolicyArn: { arn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
        { TargetPrincipal: "12345", TaskPolicyArn: AUDIT },
        { TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT, DurationSeconds: 901 },
      ]) {
        expect(await errorOf(assumeRoot(input))).to.include({ name: "ValidationError" });
      }
    });

    it("needs the features the task needs: RootCredentialsManagement to audit, both to allow password recovery", async () => {
      await fx.close();
      fx = await startEmulator({ seed: rootCredentialsSeed(["RootSessions"]) });
      expect((await errorOf(assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT }))).message).to.include(
        "feature RootCredentialsManagement, which IAMAuditRootUserCredentials needs, is not enabled in o-a1b2c3d4e5",
      );
      expect((await errorOf(assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: PASSWORD }))).message).to.include(
        "feature RootCredentialsManagement, which IAMCreateRootUserPassword needs, is not enabled in o-a1b2c3d4e5",
      );
      await fx.close();
      fx = await startEmulator({ seed: rootCredentialsSeed(["RootCredentialsManagement"]) });
      expect((await errorOf(assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: PASSWORD }))).message).to.include(
        "feature RootSessions, which IAMCreateRootUserPassword needs",
      );
      await fx.close();
      fx = await startEmulator({ seed: rootCredentialsSeed() });
      expect(await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: PASSWORD })).to.have.property("Credentials");
    });
  });

  describe("a root session", () => {
    it("identifies as the member account's root user", async () => {
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      const who = await fx.clientsWith(Credentials).sts.send(new GetCallerIdentityCommand({}));
      expect(who).to.include({ Account: MEMBER, Arn: `arn:aws:iam::${MEMBER}:root`, UserId: MEMBER });
    });

    it("may call only its task policy's actions: anything else is AccessDenied naming the action", async () => {
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      const { iam, sts } = fx.clientsWith(Credentials);
      expect((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata).to.have.length(1);
      const err = await errorOf(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: "AKIAROOTMEMBER000001" })));
      expect(err).to.include({ name: "AccessDenied", status: 403 });
      expect(err.message).to.include("is not authorized to perform: iam:DeleteAccessKey");
      expect(err.message).to.include("with an explicit deny in an identity-based policy");
      expect((await errorOf(sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER_2, TaskPolicyArn: AUDIT })))).name).to.equal(
        "AccessDenied",
      );
    });

    it("answers ExpiredToken after its Expiration, and InvalidClientTokenId with another session's token", async () => {
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT, DurationSeconds: 0 });
      expect(await errorOf(fx.clientsWith(Credentials).iam.send(new GetAccountSummaryCommand({})))).to.include({
        name: "ExpiredToken",
        status: 403,
      });
      const live = (await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT })).Credentials!;
      const forged = { ...live, SessionToken: `${live.SessionToken!.slice(0, -4)}AAAA` };
      expect((await errorOf(fx.clientsWith(forged).iam.send(new GetAccountSummaryCommand({})))).name).to.equal(
        "InvalidClientTokenId",
      );
    });

    it("is blocked by an SCP that denies root actions, unless the statement exempts aws:AssumedRoot", async () => {
      const state = fx.emulator.state();
      state.organizations[0]!.serviceControlPolicies = [{ targets: [MEMBER], deny: ["iam:*"] }];
      fx.emulator.setState(state);
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      const err = await errorOf(fx.clientsWith(Credentials).iam.send(new ListAccessKeysCommand({})));
      expect(err.message).to.equal(
        `User: arn:aws:iam::${MEMBER}:root is not authorized to perform: iam:ListAccessKeys on resource: arn:aws:iam::${MEMBER}:root with an explicit deny in a service control policy`,
      );
      const later = fx.emulator.state(); // with the session's key in it
      later.organizations[0]!.serviceControlPolicies = [{ targets: [ORG_ID], deny: ["iam:*"], exemptAssumedRoot: true }];
      fx.emulator.setState(later);
      expect((await fx.clientsWith(Credentials).iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata).to.have.length(1);
    });
  });

  describe("the root user's credentials, in root sessions", () => {
    it("summarizes them in GetAccountSummary's SummaryMap", async () => {
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      const summary = (await fx.clientsWith(Credentials).iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
      expect(summary).to.include({
        AccountMFAEnabled: 1,
        AccountAccessKeysPresent: 1,
        AccountSigningCertificatesPresent: 1,
        AccountPasswordPresent: 1,
      });
      const clean = (await assumeRoot({ TargetPrincipal: MEMBER_2, TaskPolicyArn: AUDIT })).Credentials;
      expect((await fx.clientsWith(clean).iam.send(new GetAccountSummaryCommand({}))).SummaryMap).to.include({
        AccountMFAEnabled: 0,
        AccountAccessKeysPresent: 0,
        AccountSigningCertificatesPresent: 0,
        AccountPasswordPresent: 0,
      });
    });

    it("lists and reads each kind of credential", async () => {
      const { iam } = fx.clientsWith((await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT })).Credentials);
      expect((await iam.send(new GetUserCommand({}))).User).to.include({ Arn: `arn:aws:iam::${MEMBER}:root`, UserId: MEMBER });
      expect((await iam.send(new GetLoginProfileCommand({}))).LoginProfile).to.have.property("CreateDate");
      expect((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId)).to.deep.equal([
        "AKIAROOTMEMBER000001",
      ]);
      expect(
        (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIAROOTMEMBER000001" }))).AccessKeyLastUsed,
      ).to.include({
        ServiceName: "N/A",
        Region: "N/A",
      });
      expect((await iam.send(new ListSigningCertificatesCommand({}))).Certificates!.map((c) => c.CertificateId)).to.deep.equal([
        "CERTROOTMEMBER00000000001",
      ]);
      expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber)).to.deep.equal([
        `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device`,
      ]);
    });

    it("deletes each kind of credential, answering NoSuchEntity (404) for one that is gone", async () => {
      const { iam } = fx.clientsWith((await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: DELETE })).Credentials);
      await iam.send(new DeleteAccessKeyCommand({ AccessKeyId: "AKIAROOTMEMBER000001" }));
      await iam.send(new DeleteSigningCertificateCommand({ CertificateId: "CERTROOTMEMBER00000000001" }));
      await iam.send(new DeactivateMFADeviceCommand({ SerialNumber: `arn:aws:iam::${MEMBER}:mfa/root-account-mfa-device` }));
      await iam.send(new DeleteLoginProfileCommand({}));
      expect(await errorOf(iam.send(new GetLoginProfileCommand({})))).to.include({ name: "NoSuchEntityException", status: 404 });
      expect(await errorOf(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: "AKIAROOTMEMBER000001" })))).to.include({
        name: "NoSuchEntityException",
      });
      expect(fx.emulator.state().accounts.find((a) => a.id === MEMBER)!.rootUser).to.deep.include({
        password: false,
        accessKeys: [],
        signingCertificates: [],
        mfaDevices: [],
      });
    });

    it("creates a password-less login profile for recovery, and answers EntityAlreadyExists (409) the second time", async () => {
      const { iam } = fx.clientsWith((await assumeRoot({ TargetPrincipal: MEMBER_2, TaskPolicyArn: PASSWORD })).Credentials);
      expect(await errorOf(iam.send(new GetLoginProfileCommand({})))).to.include({ name: "NoSuchEntityException" });
      await iam.send(new CreateLoginProfileCommand({}));
      expect((await iam.send(new GetLoginProfileCommand({}))).LoginProfile).to.have.property("CreateDate");
      expect(await errorOf(iam.send(new CreateLoginProfileCommand({})))).to.include({
        name: "EntityAlreadyExistsException",
        status: 409,
      });
      const audit = fx.clientsWith((await assumeRoot({ TargetPrincipal: MEMBER_2, TaskPolicyArn: AUDIT })).Credentials).iam;
      expect((await audit.send(new GetAccountSummaryCommand({}))).SummaryMap).to.include({ AccountPasswordPresent: 0 });
    });

    it("shows a credential that reappears in the console (PUT state) at once", async () => {
      const state = fx.emulator.state();
      state.accounts.find((a) => a.id === MEMBER_2)!.rootUser = {
        password: false,
        accessKeys: ["AKIANEWINCONSOLE0001"],
        signingCertificates: [],
        mfaDevices: [],
      };
      fx.emulator.setState(state);
      const { iam } = fx.clientsWith((await assumeRoot({ TargetPrincipal: MEMBER_2, TaskPolicyArn: AUDIT })).Credentials);
      expect((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!.map((k) => k.AccessKeyId)).to.deep.equal([
        "AKIANEWINCONSOLE0001",
      ]);
    });
  });

  describe("the call log of root sessions", () => {
    it("names the target account and task policy, and never a key ID, secret or session token", async () => {
      const { Credentials } = await assumeRoot({ TargetPrincipal: MEMBER, TaskPolicyArn: AUDIT });
      await fx.clientsWith(Credentials).iam.send(new ListAccessKeysCommand({}));
      const calls = fx.emulator.calls();
      expect(calls.find((c) => c.operation === "AssumeRoot")).to.include({
        accountId: MANAGEMENT,
        targetAccountId: MEMBER,
        taskPolicy: "IAMAuditRootUserCredentials",
      });
      expect(calls.find((c) => c.operation === "ListAccessKeys")).to.include({
        accountId: MEMBER,
        targetAccountId: MEMBER,
        taskPolicy: "IAMAuditRootUserCredentials",
      });
      const log = JSON.stringify(await (await fetch(`${fx.emulator.url}/__emulator/calls`)).json());
      for (const secret of [
        Credentials!.AccessKeyId!,
        Credentials!.SecretAccessKey!,
        Credentials!.SessionToken!,
        KEYS.management,
      ]) {
        expect(log).to.not.include(secret);
      }
      const state = JSON.stringify(fx.emulator.state());
      expect(state).to.not.include(Credentials!.SecretAccessKey!);
      expect(state).to.not.include(Credentials!.SessionToken!);
    });
  });
});

describe("emulator: fidelity of the existing surface (real SDK)", () => {
  let fx: EmulatorFixture;
  before(async () => {
    const seed = rootCredentialsSeed();
    const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
    org.trustedServices = Array.from({ length: 25 }, (_, i) => `service${String(i).padStart(2, "0")}.amazonaws.com`).concat(
      IAM_PRINCIPAL,
    );
    const accounts = seed.accounts as Array<Record<string, unknown>>;
    for (let i = 0; i < 30; i += 1) accounts.push({ id: String(700_000_000_000 + i), organizationId: ORG_ID });
    org.delegatedAdministrators = Array.from({ length: 23 }, (_, i) => ({
      accountId: String(700_000_000_000 + i),
      servicePrincipal: IAM_PRINCIPAL,
    }));
    seed.roles = [
      {
        arn: `arn:aws:iam::${MANAGEMENT}:role/Limited`,
        allowedActions: ["iam:ListOrganizationsFeatures"],
        maxSessionDurationSeconds: 7200,
      },
      { arn: `arn:aws:iam::${MANAGEMENT}:role/TrustsMemberOnly`, trustedAccountIds: [MEMBER] },
    ];
    // A key that may assume only the Limited role (as a mistyped roleArn in a permission-mode test would show).
    (seed.accessKeys as Array<Record<string, unknown>>).push({
      accessKeyId: "AKIAONLYLIMITEDROLE1",
      accountId: MANAGEMENT,
      policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${MANAGEMENT}:role/Limited` }],
      },
    });
    fx = await startEmulator({ seed });
  });
  after(async () => fx.close());

  it("pages ListAccounts, ListAWSServiceAccessForOrganization and ListDelegatedAdministrators with MaxResults and NextToken", async () => {
    const { organizations } = fx.clientsFor(KEYS.management);
    const readAll = async <T>(
      fetch: (token?: string) => Promise<{ items: T[]; next?: string | undefined }>,
    ): Promise<{ items: T[]; pages: number }> => {
      const items: T[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await fetch(next);
        items.push(...page.items);
        next = page.next;
        pages += 1;
      } while (next);
      return { items, pages };
    };
    const accounts = await readAll(async (NextToken) => {
      const out = await organizations.send(new ListAccountsCommand({ MaxResults: 7, NextToken }));
      return { items: out.Accounts!, next: out.NextToken };
    });
    expect(accounts.items).to.have.length(35);
    expect(accounts.pages).to.equal(5);
    expect(accounts.items.find((a) => a.Id === SUSPENDED)!.Status).to.equal("SUSPENDED");
    const services = await readAll(async (NextToken) => {
      const out = await organizations.send(new ListAWSServiceAccessForOrganizationCommand({ MaxResults: 10, NextToken }));
      return { items: out.EnabledServicePrincipals!, next: out.NextToken };
    });
    expect([services.items.length, services.pages]).to.deep.equal([26, 3]);
    const firstPage = await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: IAM_PRINCIPAL }));
    expect(firstPage.DelegatedAdministrators).to.have.length(20);
    expect(firstPage.NextToken).to.be.a("string");
  });

  it("refuses a foreign NextToken and a MaxResults out of range with the SDK's InvalidInputException reasons", async () => {
    const { organizations } = fx.clientsFor(KEYS.management);
    const token = (await organizations.send(new ListAccountsCommand({ MaxResults: 1 }))).NextToken;
    expect(await errorOf(organizations.send(new ListDelegatedAdministratorsCommand({ NextToken: token })))).to.include({
      name: "InvalidInputException",
      Reason: "INVALID_NEXT_TOKEN",
    });
    expect(await errorOf(organizations.send(new ListAccountsCommand({ MaxResults: 21 })))).to.include({
      Reason: "MAX_VALUE_EXCEEDED",
    });
    expect(await errorOf(organizations.send(new ListAccountsCommand({ MaxResults: 0 })))).to.include({
      Reason: "MIN_VALUE_EXCEEDED",
    });
  });

  it("emits only Reason values that the SDK's enums know", () => {
    const known = new Set<string>([
      ...Object.values(ConstraintViolationExceptionReason),
      ...Object.values(InvalidInputExceptionReason),
    ]);
    const dir = join(__dirname, "..", "..", "emulator", "services");
    const emitted = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), "utf8").matchAll(/(?:Reason: |invalidInput\([^,]+, )"([A-Z_]+)"/g)].map((m) => m[1]!),
    );
    expect(emitted.length).to.be.greaterThan(6);
    expect(emitted.filter((r) => !known.has(r))).to.deep.equal([]);
  });

  it("honours AssumeRole's DurationSeconds up to the role's maximum, and identifies the session as the assumed role", async () => {
    const { sts } = fx.clientsFor(KEYS.management);
    const roleArn = `arn:aws:iam::${MANAGEMENT}:role/Limited`;
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "audit", DurationSeconds: 7200 }));
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).to.be.within(7_190_000, 7_201_000);
    expect(
      (await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "audit", DurationSeconds: 7201 }))))
        .name,
    ).to.equal("ValidationError");
    const who = await fx.clientsWith(out.Credentials).sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).to.equal(`arn:aws:sts::${MANAGEMENT}:assumed-role/Limited/audit`);
    expect(who.UserId).to.match(/^AROA[A-Z2-7]{17}:audit$/);
  });

  it("refuses AssumeRole of a role the seed does not have, in this or another organization's account", async () => {
    const { sts } = fx.clientsFor(KEYS.management);
    for (const roleArn of [`arn:aws:iam::${MANAGEMENT}:role/Mistyped`, "arn:aws:iam::444444444444:role/OrganizationAdmin"]) {
      const err = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "probe" })));
      expect(err.name, roleArn).to.equal("AccessDenied");
      expect(err.message).to.contain(roleArn);
    }
  });

  it("honours the Resource of a key's sts:AssumeRole permission", async () => {
    const { sts } = fx.clientsFor("AKIAONLYLIMITEDROLE1");
    const limited = `arn:aws:iam::${MANAGEMENT}:role/Limited`;
    expect((await sts.send(new AssumeRoleCommand({ RoleArn: limited, RoleSessionName: "ok" }))).Credentials).to.not.equal(
      undefined,
    );
    const other = `arn:aws:iam::${MANAGEMENT}:role/TrustsMemberOnly`;
    expect((await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: "no" })))).name).to.equal(
      "AccessDenied",
    );
  });

  it("honours a role's trust list: only the accounts it names may assume it", async () => {
    const role = `arn:aws:iam::${MANAGEMENT}:role/TrustsMemberOnly`;
    const denied = await errorOf(
      fx.clientsFor(KEYS.management).sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "trust" })),
    );
    expect(denied.name).to.equal("AccessDenied");
    const allowed = await fx.clientsFor(KEYS.member).sts.send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: "trust" }));
    expect(allowed.Credentials?.AccessKeyId).to.match(/^ASIA/);
  });

  it("gives role credentials the role's own permissions", async () => {
    const { sts } = fx.clientsFor(KEYS.management);
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MANAGEMENT}:role/Limited`, RoleSessionName: "limited" }),
    );
    const { iam, organizations } = fx.clientsWith(out.Credentials);
    expect(
      (await iam.send(new (await import("@aws-sdk/client-iam")).ListOrganizationsFeaturesCommand({}))).OrganizationId,
    ).to.equal(ORG_ID);
    expect((await errorOf(organizations.send(new ListAccountsCommand({})))).name).to.equal("AccessDeniedException");
  });

  it("sends one request ID per Query answer, the same in the x-amzn-requestid header and in the body", async () => {
    const signed = `AWS4-HMAC-SHA256 Credential=${KEYS.management}/20261125/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`;
    for (const body of ["Action=GetCallerIdentity&Version=2011-06-15", "Action=Nope&Version=2011-06-15"]) {
      const res = await fetch(fx.emulator.url, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: signed },
      });
      const header = res.headers.get("x-amzn-requestid");
      expect(header).to.match(/^[0-9a-f-]{36}$/);
      expect(await res.text()).to.include(`<RequestId>${header}</RequestId>`);
    }
  });

  it("gives ConstraintViolationException a Reason for trusted access in a consolidated-billing organization", async () => {
    const cb = await startEmulator({
      seed: {
        ...rootCredentialsSeed(),
        organizations: [{ id: ORG_ID, managementAccountId: MANAGEMENT, featureSet: "CONSOLIDATED_BILLING", trustedServices: [] }],
      },
    });
    try {
      const err = await errorOf(
        cb.clientsFor(KEYS.management).organizations.send(
          new (await import("@aws-sdk/client-organizations")).EnableAWSServiceAccessCommand({
            ServicePrincipal: IAM_PRINCIPAL,
          }),
        ),
      );
      expect(err).to.include({ name: "ConstraintViolationException", Reason: "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE" });
    } finally {
      await cb.close();
    }
  });

  it("names INPUT_REQUIRED for a missing required parameter", async () => {
    const err = await errorOf(
      fx.clientsFor(KEYS.management).organizations.send(
        new (await import("@aws-sdk/client-organizations")).RegisterDelegatedAdministratorCommand({
          AccountId: MEMBER,
        } as never),
      ),
    );
    expect(err).to.include({ name: "InvalidInputException", Reason: "INPUT_REQUIRED" });
  });
});
