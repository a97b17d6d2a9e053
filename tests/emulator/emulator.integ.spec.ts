import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DisableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
  ServiceAccessNotEnabledException,
} from "@aws-sdk/client-iam";
import {
  DeregisterDelegatedAdministratorCommand,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import { start } from "../../emulator";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, KEYS, MANAGEMENT, MEMBER, ORG_ID, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const SIGNED =
  "AWS4-HMAC-SHA256 Credential=AKIAFUZZ000000000001/20261125/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: "POST", body, headers });
  return { status: res.status, text: await res.text() };
}

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const e = (await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: unknown) => err,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
}

describe("emulator", () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
  });
  afterEach(async () => fx.close());

  describe("IAM organization features (Query protocol, real SDK)", () => {
    it("lists, enables and disables features, each answer carrying the full remaining list", async () => {
      const { iam } = fx.clientsFor(KEYS.management);
      expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures).to.deep.equal([]);
      expect((await iam.send(new EnableOrganizationsRootSessionsCommand({}))).EnabledFeatures).to.deep.equal(["RootSessions"]);
      const both = await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      expect(both.OrganizationId).to.equal(ORG_ID);
      expect(both.EnabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
      expect((await iam.send(new DisableOrganizationsRootCredentialsManagementCommand({}))).EnabledFeatures).to.deep.equal([
        "RootSessions",
      ]);
    });

    it("lets the IAM delegated administrator list but not enable", async () => {
      const { iam } = fx.clientsFor(KEYS.delegatedAdmin);
      expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).OrganizationId).to.equal(ORG_ID);
      const err = await errorOf(iam.send(new EnableOrganizationsRootSessionsCommand({})));
      expect(err).to.include({ name: "CallerIsNotManagementAccountException", status: 400 });
    });

    it("refuses a member account and an account outside any organization with AWS's codes", async () => {
      expect(await errorOf(fx.clientsFor(KEYS.member).iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "AccountNotManagementOrDelegatedAdministratorException",
      });
      expect(await errorOf(fx.clientsFor(KEYS.standalone).iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "OrganizationNotFoundException",
      });
    });

    it("answers ServiceAccessNotEnabled once IAM trusted access is disabled, as the SDK's typed exception", async () => {
      const { iam, organizations } = fx.clientsFor(KEYS.management);
      await organizations.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      const err = await iam.send(new ListOrganizationsFeaturesCommand({})).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ServiceAccessNotEnabledException);
    });

    it("answers OrganizationNotInAllFeaturesMode for a consolidated-billing organization", async () => {
      await fx.close();
      fx = await startEmulator({ seed: scenarioSeed({ featureSet: "CONSOLIDATED_BILLING" }) });
      expect(await errorOf(fx.clientsFor(KEYS.management).iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "OrganizationNotInAllFeaturesModeException",
      });
    });
  });

  describe("Organizations (JSON 1.1, real SDK)", () => {
    it("describes the organization and an account", async () => {
      const { organizations } = fx.clientsFor(KEYS.member);
      const org = (await organizations.send(new DescribeOrganizationCommand({}))).Organization!;
      expect(org).to.include({ Id: ORG_ID, FeatureSet: "ALL", MasterAccountId: MANAGEMENT });
      const mgmt = fx.clientsFor(KEYS.management).organizations;
      expect((await mgmt.send(new DescribeAccountCommand({ AccountId: MEMBER }))).Account!.Id).to.equal(MEMBER);
      expect(await errorOf(mgmt.send(new DescribeAccountCommand({ AccountId: "999999999999" })))).to.include({
        name: "AccountNotFoundException",
      });
    });

    it("enables and lists trusted access for one service principal, touching no other", async () => {
      const { organizations } = fx.clientsFor(KEYS.management);
      await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "sso.amazonaws.com" }));
      const listed = await organizations.send(new ListAWSServiceAccessForOrganizationCommand({}));
      expect(listed.EnabledServicePrincipals!.map((p) => p.ServicePrincipal)).to.deep.equal([IAM_PRINCIPAL, "sso.amazonaws.com"]);
      expect(listed.EnabledServicePrincipals![0]!.DateEnabled).to.be.instanceOf(Date);
    });

    it("registers, lists and deregisters a delegated administrator with the reference's errors", async () => {
      const { organizations } = fx.clientsFor(KEYS.management);
      await organizations.send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: IAM_PRINCIPAL }));
      const admins = await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      expect(admins.DelegatedAdministrators!.map((a) => a.Id)).to.have.members([DELEGATED_ADMIN, MEMBER]);
      expect(
        await errorOf(
          organizations.send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: IAM_PRINCIPAL })),
        ),
      ).to.include({
        name: "AccountAlreadyRegisteredException",
      });
      const mgmtErr = await organizations
        .send(new RegisterDelegatedAdministratorCommand({ AccountId: MANAGEMENT, ServicePrincipal: IAM_PRINCIPAL }))
        .catch((e: { name: string; Reason?: string }) => e);
      expect(mgmtErr).to.include({
        name: "ConstraintViolationException",
        Reason: "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
      });
      const noAccess = await organizations
        .send(new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: "sso.amazonaws.com" }))
        .catch((e: { name: string; Reason?: string }) => e);
      expect(noAccess).to.include({ name: "ConstraintViolationException", Reason: "SERVICE_ACCESS_NOT_ENABLED" });
      await organizations.send(
        new DeregisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: IAM_PRINCIPAL }),
      );
      expect(
        await errorOf(
          organizations.send(new DeregisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: IAM_PRINCIPAL })),
        ),
      ).to.include({
        name: "AccountNotRegisteredException",
      });
    });

    it("refuses management-only calls from a member and all calls from a standalone account", async () => {
      expect(
        await errorOf(
          fx.clientsFor(KEYS.member).organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL })),
        ),
      ).to.include({
        name: "AccessDeniedException",
      });
      expect(await errorOf(fx.clientsFor(KEYS.standalone).organizations.send(new DescribeOrganizationCommand({})))).to.include({
        name: "AWSOrganizationsNotInUseException",
      });
    });
  });

  describe("callers", () => {
    it("refuses unsigned requests the way AWS does", async () => {
      const res = await post(fx.emulator.url, "Action=ListOrganizationsFeatures&Version=2010-05-08", {
        "content-type": "application/x-www-form-urlencoded",
      });
      expect(res.status).to.equal(403);
      expect(res.text).to.include("<Code>MissingAuthenticationToken</Code>");
    });

    it("refuses an unknown key when the seed names its keys", async () => {
      await fx.close();
      fx = await startEmulator({ seed: { ...scenarioSeed(), defaultAccountId: null } });
      expect(await errorOf(fx.iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "InvalidClientTokenId",
        status: 403,
      });
    });

    it("answers AccessDenied for an action outside a key's allow-list", async () => {
      await fx.close();
      const seed = scenarioSeed();
      (seed.accessKeys as Array<Record<string, unknown>>)[0]!.allowedActions = ["iam:ListOrganizationsFeatures"];
      fx = await startEmulator({ seed });
      const { iam } = fx.clientsFor(KEYS.management);
      await iam.send(new ListOrganizationsFeaturesCommand({}));
      const err = await errorOf(iam.send(new EnableOrganizationsRootSessionsCommand({})));
      expect(err).to.include({ name: "AccessDenied", status: 403 });
      expect(err.message).to.include("is not authorized to perform: iam:EnableOrganizationsRootSessions");
    });
  });

  describe("wire-level bad input", () => {
    const form = { "content-type": "application/x-www-form-urlencoded", authorization: SIGNED };

    it("answers InvalidAction for an unknown action and for a wrong version", async () => {
      const unknown = await post(fx.emulator.url, "Action=DeleteEverything&Version=2010-05-08", form);
      expect(unknown.status).to.equal(400);
      expect(unknown.text).to.include("<Code>InvalidAction</Code>");
      const version = await post(fx.emulator.url, "Action=ListOrganizationsFeatures&Version=2099-01-01", form);
      expect(version.text).to.include("Could not find operation ListOrganizationsFeatures for version 2099-01-01");
    });

    it("answers an IAM error document with namespace, type, code and request ID", async () => {
      const res = await post(fx.emulator.url, "Action=Nope&Version=2010-05-08", form);
      expect(res.text).to.match(
        /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>.*<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
      );
    });

    it("refuses malformed form bodies, wrong content types, bad JSON and unknown targets in AWS shape", async () => {
      expect((await post(fx.emulator.url, "Action=%ZZ", form)).text).to.include("MalformedQueryString");
      expect((await post(fx.emulator.url, "{}", { ...form, "content-type": "application/json" })).text).to.include(
        "InvalidParameterValue",
      );
      const json = { "content-type": "application/x-amz-json-1.1", authorization: SIGNED };
      const badJson = await post(fx.emulator.url, "{nope", {
        ...json,
        "x-amz-target": "AWSOrganizationsV20161128.DescribeOrganization",
      });
      expect(JSON.parse(badJson.text)).to.include({ __type: "SerializationException" });
      const target = await post(fx.emulator.url, "{}", { ...json, "x-amz-target": "AWSShield.Whatever" });
      expect(JSON.parse(target.text)).to.include({ __type: "UnknownOperationException" });
      const op = await post(fx.emulator.url, "{}", { ...json, "x-amz-target": "AWSOrganizationsV20161128.CloseEverything" });
      expect(JSON.parse(op.text)).to.include({ __type: "UnknownOperationException" });
    });

    it("refuses a body over the size limit without reading it all", async () => {
      const res = await post(fx.emulator.url, "Action=ListOrganizationsFeatures&x=" + "a".repeat(200_000), form);
      expect(res.status).to.equal(413);
    });

    it("survives a bounded fuzzing loop of random bodies and headers with no crash", async () => {
      const targets = [undefined, "AWSOrganizationsV20161128.DescribeOrganization", "AWSOrganizationsV20161128.", "x"];
      const types = ["application/x-www-form-urlencoded", "application/x-amz-json-1.1", "text/plain", ""];
      let seed = 42;
      const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
      for (let i = 0; i < 300; i += 1) {
        const bytes = Buffer.from(Array.from({ length: rand(300) }, () => rand(256)));
        const headers: Record<string, string> = { "content-type": types[rand(types.length)]!, authorization: SIGNED };
        const target = targets[rand(targets.length)];
        if (target) headers["x-amz-target"] = target;
        const res = await fetch(fx.emulator.url, { method: "POST", body: bytes, headers });
        expect(res.status, `iteration ${i}`).to.be.within(200, 499);
        await res.arrayBuffer();
      }
      expect((await fx.iam.send(new ListOrganizationsFeaturesCommand({}))).OrganizationId).to.equal(ORG_ID);
    });
  });

  describe("faults", () => {
    it("throttles a bounded number of calls, which the SDK's retry strategy absorbs", async () => {
      fx.emulator.setFaults({ rules: [{ kind: "throttle", count: 2 }] });
      const { IAMClient } = await import("@aws-sdk/client-iam");
      const credentials = { accessKeyId: KEYS.management, secretAccessKey: "x" };
      const retrying = new IAMClient({ region: "us-east-1", endpoint: fx.emulator.url, credentials, maxAttempts: 4 });
      const out = await retrying.send(new ListOrganizationsFeaturesCommand({}));
      expect(out.$metadata.attempts).to.equal(3);
      expect(fx.emulator.calls().filter((c) => c.fault === "throttle")).to.have.length(2);
    });

    it("answers 500 ServiceFailure, drops connections and adds latency as configured", async () => {
      const { iam } = fx.clientsFor(KEYS.management);
      fx.emulator.setFaults({ rules: [{ kind: "serverError", count: 1 }] });
      expect(await errorOf(iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "ServiceFailureException",
        status: 500,
      });
      fx.emulator.setFaults({ rules: [{ kind: "dropConnection", count: 1 }] });
      const dropped = await iam.send(new ListOrganizationsFeaturesCommand({})).catch((e: Error) => e);
      expect(dropped).to.be.instanceOf(Error);
      fx.emulator.setFaults({ rules: [{ kind: "latency", count: 1, ms: 300 }] });
      const t0 = Date.now();
      await iam.send(new ListOrganizationsFeaturesCommand({}));
      expect(Date.now() - t0).to.be.at.least(290);
    });

    it("fails only after letting a number of matching calls succeed (success then failure)", async () => {
      fx.emulator.setFaults({
        rules: [{ kind: "serverError", count: 1, operations: ["EnableOrganizationsRootSessions"], after: 1 }],
      });
      const { iam } = fx.clientsFor(KEYS.management);
      await iam.send(new EnableOrganizationsRootSessionsCommand({}));
      expect(await errorOf(iam.send(new EnableOrganizationsRootSessionsCommand({})))).to.include({
        name: "ServiceFailureException",
      });
      await iam.send(new EnableOrganizationsRootSessionsCommand({}));
    });

    it("keeps answering ServiceAccessNotEnabled for the propagation delay after trusted access is enabled", async () => {
      const { iam, organizations } = fx.clientsFor(KEYS.management);
      await organizations.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      fx.emulator.setFaults({ propagationDelayMs: 400 });
      await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      expect(await errorOf(iam.send(new ListOrganizationsFeaturesCommand({})))).to.include({
        name: "ServiceAccessNotEnabledException",
      });
      await new Promise((r) => setTimeout(r, 450));
      expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).OrganizationId).to.equal(ORG_ID);
    });

    it("rejects unbounded fault settings", () => {
      expect(() => fx.emulator.setFaults({ rules: [{ kind: "latency", count: 1, ms: 3_600_000 }] })).to.throw(/from 0 to 30000/);
    });
  });

  describe("observability and control", () => {
    it("logs every call by operation and caller account, never by access key", async () => {
      await fx.clientsFor(KEYS.management).iam.send(new ListOrganizationsFeaturesCommand({}));
      await errorOf(fx.clientsFor(KEYS.member).iam.send(new EnableOrganizationsRootSessionsCommand({})));
      const calls = fx.emulator.calls();
      expect(calls.map((c) => [c.operation, c.accountId, c.status, c.errorCode])).to.deep.equal([
        ["ListOrganizationsFeatures", MANAGEMENT, 200, undefined],
        ["EnableOrganizationsRootSessions", MEMBER, 400, "AccountNotManagementOrDelegatedAdministratorException"],
      ]);
      expect(JSON.stringify(calls)).to.not.include(KEYS.management);
    });

    it("serves state, calls and faults on the control endpoint", async () => {
      const base = `${fx.emulator.url}/__emulator`;
      expect(await (await fetch(`${base}/health`)).json()).to.deep.equal({ ok: true });
      const state = (await (await fetch(`${base}/state`)).json()) as { organizations: Array<{ id: string }> };
      expect(state.organizations[0]!.id).to.equal(ORG_ID);
      const put = await fetch(`${base}/faults`, {
        method: "PUT",
        body: JSON.stringify({ rules: [{ kind: "throttle", count: 1 }] }),
      });
      expect(((await put.json()) as { rules: unknown[] }).rules).to.have.length(1);
      expect((await fetch(`${base}/faults`, { method: "PUT", body: "{" })).status).to.equal(400);
      expect((await fetch(`${base}/calls`, { method: "DELETE" })).status).to.equal(200);
    });
  });

  describe("persistence", () => {
    it("keeps state across a restart when given a state file, written atomically", async () => {
      const file = join(mkdtempSync(join(tmpdir(), "emulator-state-")), "state.json");
      const first = await start({ stateFile: file });
      const creds = { accessKeyId: "AKIAPERSIST000000001", secretAccessKey: "x" };
      const { IAMClient } = await import("@aws-sdk/client-iam");
      const client1 = new IAMClient({ region: "us-east-1", endpoint: first.url, credentials: creds });
      await client1.send(new EnableOrganizationsRootSessionsCommand({}));
      await first.close();
      expect(JSON.parse(readFileSync(file, "utf8")).organizations[0].enabledRootFeatures).to.deep.equal(["RootSessions"]);
      const second = await start({ stateFile: file });
      const client2 = new IAMClient({ region: "us-east-1", endpoint: second.url, credentials: creds });
      expect((await client2.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures).to.deep.equal(["RootSessions"]);
      await second.close();
    });

    it("rejects a seed that refers to an account it does not define", async () => {
      let err: unknown;
      await start({ seed: { organizations: [{ id: ORG_ID, managementAccountId: MANAGEMENT }] } }).catch(
        (e: unknown) => (err = e),
      );
      expect(err).to.be.instanceOf(Error);
      expect((err as Error).message).to.match(/management account 111111111111 is not in accounts/);
    });
  });
});
