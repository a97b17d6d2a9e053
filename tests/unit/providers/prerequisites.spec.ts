import { expect } from "chai";
import { FakeApi, awsError } from "../../fakeApi";
import { providerFor } from "../../providers";
import {
  ChangeIncompleteError,
  DelegatedAdministratorChangeError,
  DelegatedAdministratorLimitError,
  ManagementAccountAsDelegatedAdministratorError,
  OrganizationMismatchError,
  OrganizationNotInAllFeaturesModeError,
} from "../../../provider/errors";
import { claim } from "../../../provider/core/claims";

const ORG = "o-a1b2c3d4e5";
const A = "222222222222";
const B = "333333333333";
const IAM = "iam.amazonaws.com";

function collect(): { messages: string[]; report: (m: string) => void } {
  const messages: string[] = [];
  return { messages, report: (m) => messages.push(m) };
}

const mutating = (api: FakeApi): string[] => api.calls.filter((c) => !/^(list|describe|callerAccountId)/.test(c));

describe("the IamTrustedAccess lifecycle", () => {
  const trusted = providerFor("IamTrustedAccess").lifecycle;

  it("enables trusted access for iam.amazonaws.com only, keyed by the organization", async () => {
    const api = new FakeApi(ORG);
    api.trusted = ["sso.amazonaws.com"];
    const created = await trusted.create(api, {}, collect().report);
    expect(created.id).to.equal(ORG);
    expect(created.outs).to.include({ organizationId: ORG, enabled: true, servicePrincipal: IAM });
    expect(api.trusted).to.have.members(["sso.amazonaws.com", IAM]);
    expect(mutating(api)).to.deep.equal([`enable trusted access ${IAM}`]);
  });

  it("adopts trusted access that is already on, with no mutating call, and says so", async () => {
    const api = new FakeApi(ORG);
    const { messages, report } = collect();
    await trusted.create(api, {}, report);
    expect(mutating(api)).to.deep.equal([]);
    expect(messages).to.deep.equal([
      `IamTrustedAccess: adopted trusted access for ${IAM}, already enabled in organization ${ORG}.`,
    ]);
  });

  it("refuses a consolidated-billing organization before any change", async () => {
    const api = new FakeApi(ORG);
    api.featureSet = "CONSOLIDATED_BILLING";
    api.trusted = [];
    const err = await trusted.create(api, {}, collect().report).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(OrganizationNotInAllFeaturesModeError);
    expect(mutating(api)).to.deep.equal([]);
  });

  it("shows trusted access switched off as drift, and a changed disableOnDelete as a change", async () => {
    const api = new FakeApi(ORG);
    api.trusted = [];
    const { messages, report } = collect();
    expect((await trusted.diff(api, ORG, { organizationId: ORG }, {}, report)).changes).to.equal(true);
    expect(messages[0]).to.match(
      /^IamTrustedAccess drift in organization o-a1b2c3d4e5: trusted access for iam.amazonaws.com is off/,
    );
    api.trusted = [IAM];
    expect((await trusted.diff(api, ORG, { disableOnDelete: false }, { disableOnDelete: true }, report)).changes).to.equal(true);
    expect((await trusted.diff(api, ORG, {}, {}, report)).changes).to.equal(false);
  });

  it("refuses in diff and read when the credentials reach another organization", async () => {
    const api = new FakeApi("o-zzzzzzzzzz");
    for (const run of [
      () => trusted.diff(api, ORG, {}, {}, collect().report),
      () => trusted.read(api, ORG, {}, collect().report),
    ]) {
      expect(await run().catch((e: unknown) => e)).to.be.instanceOf(OrganizationMismatchError);
    }
  });

  it("reads whether trusted access is on", async () => {
    const api = new FakeApi(ORG);
    api.trusted = [];
    expect((await trusted.read(api, ORG, { organizationId: ORG }, collect().report)).props).to.include({ enabled: false });
  });

  it("leaves trusted access on at delete unless disableOnDelete, and then disables it", async () => {
    const api = new FakeApi(ORG);
    const { messages, report } = collect();
    await trusted.delete(api, ORG, { disableOnDelete: false }, report);
    expect(api.calls).to.deep.equal([]);
    expect(messages[0]).to.include("Set `disableOnDelete: true` to disable it on delete.");
    await trusted.delete(api, ORG, { disableOnDelete: true }, report);
    expect(mutating(api)).to.deep.equal([`disable trusted access ${IAM}`]);
  });

  it("drops out of the stack, saying so, when the credentials reach no organization", async () => {
    const api = new FakeApi(ORG);
    api.failOn = { call: "describeOrganization", error: awsError("AWSOrganizationsNotInUseException") };
    const { messages, report } = collect();
    expect(await trusted.read(api, ORG, {}, report)).to.deep.equal({ id: "", props: {} });
    expect(messages[0]).to.include("the credentials (account 111111111111) reach no AWS Organization");
  });
});

describe("the IamDelegatedAdministrator lifecycle", () => {
  const admin = providerFor("IamDelegatedAdministrator").lifecycle;
  const quiet = (): void => {};

  it("registers the account, keyed by the organization, with the account in state", async () => {
    const api = new FakeApi(ORG);
    const created = await admin.create(api, { accountId: A }, quiet);
    expect(created.id).to.equal(ORG);
    expect(created.outs).to.include({ accountId: A, organizationId: ORG, registered: true });
    expect(api.administrators).to.deep.equal([A]);
  });

  it("refuses the management account before any call that registers", async () => {
    const api = new FakeApi(ORG);
    const err = await admin.create(api, { accountId: "111111111111" }, quiet).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ManagementAccountAsDelegatedAdministratorError);
    expect(mutating(api)).to.deep.equal([]);
  });

  it("registers B before deregistering A when IAM accepts several", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    await admin.update(api, ORG, { accountId: A, organizationId: ORG }, { accountId: B }, quiet);
    expect(mutating(api)).to.deep.equal([`register ${B}`, `deregister ${A}`]);
    expect(api.administrators).to.deep.equal([B]);
  });

  it("deregisters A first, saying so, when IAM accepts only one", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    api.administratorLimit = 1;
    const { messages, report } = collect();
    await admin.update(api, ORG, { accountId: A }, { accountId: B }, report);
    expect(mutating(api)).to.deep.equal([`register ${B}`, `deregister ${A}`, `register ${B}`]);
    expect(api.administrators).to.deep.equal([B]);
    expect(messages.join("\n")).to.include(`so account ${A} is deregistered first, then account ${B} registered`);
  });

  it("registers A again when B fails after A made room", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    api.administratorLimit = 1;
    let registrations = 0;
    const register = api.organizations.setDelegatedAdministrator;
    api.organizations.setDelegatedAdministrator = async (account, principal, registered) => {
      if (registered && account === B && ++registrations === 2) throw awsError("ServiceException", "boom");
      return register(account, principal, registered);
    };
    const err = await admin.update(api, ORG, { accountId: A }, { accountId: B }, quiet).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DelegatedAdministratorChangeError);
    expect((err as DelegatedAdministratorChangeError).restored).to.equal(true);
    expect(api.administrators).to.deep.equal([A]);
  });

  it("refuses to register beside an account it does not manage when IAM accepts no more", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    api.administratorLimit = 1;
    const err = await admin.create(api, { accountId: B }, quiet).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DelegatedAdministratorLimitError);
    expect(api.administrators).to.deep.equal([A]);
  });

  it("says what was done when deregistering A fails after B was registered", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    api.failOn = { call: `deregister ${A}`, error: awsError("ServiceException", "boom") };
    const err = await admin.update(api, ORG, { accountId: A }, { accountId: B }, quiet).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ChangeIncompleteError);
    expect((err as Error).message).to.match(
      /register account 333333333333 succeeded, then deregister account 222222222222 failed/,
    );
  });

  it("reads and deletes the account held in state, also from a state whose ID is the account", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [B];
    expect((await admin.read(api, A, { accountId: A, organizationId: ORG }, quiet)).props).to.include({
      accountId: A,
      registered: false,
    });
    const legacy = await admin.read(api, B, { organizationId: ORG }, quiet);
    expect(legacy).to.deep.include({ id: ORG });
    expect(legacy.props).to.include({ accountId: B, registered: true });
    await admin.delete(api, ORG, { accountId: B, organizationId: ORG }, quiet);
    expect(api.administrators).to.deep.equal([]);
  });

  it("names a declared change as such, and a deregistration in the console as drift", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    const { messages, report } = collect();
    await admin.diff(api, ORG, { accountId: A }, { accountId: B }, report);
    api.administrators = [];
    await admin.diff(api, ORG, { accountId: A }, { accountId: A }, report);
    expect(messages).to.deep.equal([
      `IamDelegatedAdministrator in organization ${ORG}: the declaration changed from account ${A} to account ${B}; \`pulumi up\` will register account ${B}, deregister account ${A}.`,
      `IamDelegatedAdministrator drift in organization ${ORG}: account ${A} is not registered as IAM delegated administrator; \`pulumi up\` will register account ${A}.`,
    ]);
  });

  it("leaves an account another resource of the deployment took over", async () => {
    const api = new FakeApi(ORG);
    api.administrators = [A];
    claim(ORG, `IamDelegatedAdministrator:${A}`, "IamDelegatedAdministrator");
    const { messages, report } = collect();
    await admin.delete(api, ORG, { accountId: A }, report);
    expect(api.administrators).to.deep.equal([A]);
    expect(messages[0]).to.include(`leaving account ${A} registered in organization ${ORG}`);
  });
});
