import { expect } from "chai";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAwsApi } from "../../provider/aws";
import { join } from "node:path";
import { providerFor } from "../providers";
import {
  AccountNotInOrganizationError,
  ManagementAccountAsDelegatedAdministratorError,
  OrganizationMismatchError,
  OrganizationNotInAllFeaturesModeError,
  PaginationError,
  ServiceAccessNotEnabledError,
  TrustedAccessPropagationTimeoutError,
} from "../../provider/errors";
import {
  DELEGATED_ADMIN,
  IAM_PRINCIPAL,
  KEYS,
  MANAGEMENT,
  MEMBER,
  ORG_ID,
  operations,
  scenarioSeed,
  startEmulator,
} from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { muted, useEmulatorEnvironment } from "../integEnvironment";

function withEmulator(seed: () => Record<string, unknown>, key: string, body: (fx: () => EmulatorFixture) => void): void {
  let fx: EmulatorFixture;
  before(async () => {
    fx = await startEmulator({ seed: seed() });
  });
  after(async () => fx.close());
  useEmulatorEnvironment(
    () => fx,
    () => key,
  );
  beforeEach(() => fx.emulator.clearCalls());
  body(() => fx);
}

function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T | Error; output: string }> {
  const write = process.stdout.write;
  let output = "";
  process.stdout.write = ((chunk: string) => {
    output += chunk;
    return true;
  }) as typeof process.stdout.write;
  return fn()
    .then(
      (result) => ({ result, output }),
      (e: Error) => ({ result: e, output }),
    )
    .finally(() => (process.stdout.write = write));
}

describe("IamTrustedAccess against the emulator", () => {
  describe("in an organization with trusted access off and another service trusted", () => {
    withEmulator(
      () => scenarioSeed({ trustedServices: ["sso.amazonaws.com"] }),
      KEYS.management,
      (fx) => {
        it("enables trusted access for iam.amazonaws.com only, with the organization as ID", async () => {
          const created = await providerFor("IamTrustedAccess").create({});
          expect(created.id).to.equal(ORG_ID);
          expect(Object.keys(fx().emulator.state().organizations[0]!.trustedServices).sort()).to.deep.equal([
            IAM_PRINCIPAL,
            "sso.amazonaws.com",
          ]);
          expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal(["EnableAWSServiceAccess"]);
        });

        it("adopts trusted access that is already on, without a mutating call, and says so", async () => {
          const { output } = await captureOutput(() => providerFor("IamTrustedAccess").create({}));
          expect(output).to.include(
            `IamTrustedAccess: adopted trusted access for ${IAM_PRINCIPAL}, already enabled in organization ${ORG_ID}.`,
          );
          expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
        });

        it("leaves trusted access on at delete by default, says so, and calls nothing", async () => {
          const { output } = await captureOutput(() =>
            providerFor("IamTrustedAccess").delete(ORG_ID, { organizationId: ORG_ID, disableOnDelete: false }),
          );
          expect(output).to.include("Set `disableOnDelete: true` to disable it on delete.");
          expect(fx().emulator.calls()).to.deep.equal([]);
        });

        it("refuses to act on another organization than organizationId, before any change", async () => {
          const err = await muted(() => providerFor("IamTrustedAccess").create({ organizationId: "o-zzzzzzzzzz" })).catch(
            (e: unknown) => e,
          );
          expect(err).to.be.instanceOf(OrganizationMismatchError);
          expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
        });

        it("leaves it on at delete, even with disableOnDelete, while a delegated administrator still depends on it", async () => {
          const { output } = await captureOutput(() =>
            providerFor("IamTrustedAccess").delete(ORG_ID, { organizationId: ORG_ID, disableOnDelete: true }),
          );
          expect(output).to.include(`because account ${DELEGATED_ADMIN} (IAM delegated administrator) still depend on it`);
          expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
        });

        it("disables it on delete when disableOnDelete is set and nothing depends on it any more", async () => {
          const state = fx().emulator.state();
          state.organizations[0]!.delegatedAdministrators = [];
          fx().emulator.setState(state);
          await providerFor("IamTrustedAccess").delete(ORG_ID, { organizationId: ORG_ID, disableOnDelete: true });
          expect(Object.keys(fx().emulator.state().organizations[0]!.trustedServices)).to.deep.equal(["sso.amazonaws.com"]);
        });
      },
    );
  });

  describe("in a consolidated-billing organization", () => {
    withEmulator(
      () => scenarioSeed({ featureSet: "CONSOLIDATED_BILLING", trustedServices: [] }),
      KEYS.management,
      (fx) => {
        it("fails with OrganizationNotInAllFeaturesModeError before any mutating call", async () => {
          const err = await providerFor("IamTrustedAccess")
            .create({})
            .catch((e: unknown) => e);
          expect(err).to.be.instanceOf(OrganizationNotInAllFeaturesModeError);
          expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
        });
      },
    );
  });
});

describe("IamDelegatedAdministrator against the emulator", () => {
  withEmulator(
    () => scenarioSeed(),
    KEYS.management,
    (fx) => {
      it("registers a member account for iam.amazonaws.com, keyed by the organization, with the account in state", async () => {
        const created = await providerFor("IamDelegatedAdministrator").create({ accountId: MEMBER });
        expect(created.id).to.equal(ORG_ID);
        expect(created.outs).to.include({ accountId: MEMBER, organizationId: ORG_ID, registered: true });
      });

      it("adopts an account that is already registered, without a mutating call", async () => {
        await muted(() => providerFor("IamDelegatedAdministrator").create({ accountId: DELEGATED_ADMIN }));
        expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
      });

      it("refuses the management account before calling AWS to register it", async () => {
        const err = await providerFor("IamDelegatedAdministrator")
          .create({ accountId: MANAGEMENT })
          .catch((e: unknown) => e);
        expect(err).to.be.instanceOf(ManagementAccountAsDelegatedAdministratorError);
        expect((err as Error).message).to.include(`account ${MANAGEMENT} is the organization's management account`);
        expect(operations(fx().emulator, { mutatingOnly: true })).to.deep.equal([]);
      });

      it("names an account that is not in the organization", async () => {
        const err = await providerFor("IamDelegatedAdministrator")
          .create({ accountId: "999999999999" })
          .catch((e: unknown) => e);
        expect(err).to.be.instanceOf(AccountNotInOrganizationError);
        expect((err as Error).message).to.include(
          "account 999999999999 is not a member of the organization (organization o-a1b2c3d4e5)",
        );
      });

      it("rejects an account ID that is not 12 digits in check, before any AWS call", async () => {
        const result = await providerFor("IamDelegatedAdministrator").check({}, { accountId: "12345" });
        expect(result.failures).to.deep.equal([
          { property: "accountId", reason: 'accountId must be a 12-digit AWS account ID such as 123456789012, got "12345"' },
        ]);
        expect(fx().emulator.calls()).to.deep.equal([]);
      });
    },
  );

  describe("with IAM trusted access off", () => {
    withEmulator(
      () => scenarioSeed({ trustedServices: [] }),
      KEYS.management,
      () => {
        it("fails with ServiceAccessNotEnabledError and its fix", async () => {
          const err = await providerFor("IamDelegatedAdministrator")
            .create({ accountId: MEMBER })
            .catch((e: unknown) => e);
          expect(err).to.be.instanceOf(ServiceAccessNotEnabledError);
        });
      },
    );
  });
});

describe("waiting for trusted access to reach IAM", () => {
  withEmulator(
    () => ({ ...scenarioSeed({ trustedServices: [] }), faults: { propagationDelayMs: 60_000 } }),
    KEYS.management,
    (fx) => {
      it("gives up after propagationTimeoutSeconds with the error and its fix", async () => {
        await providerFor("IamTrustedAccess").create({});
        const started = Date.now();
        const { result, output } = await captureOutput(() =>
          providerFor("RootSessions").create({ propagationTimeoutSeconds: 2 }),
        );
        expect(result).to.be.instanceOf(TrustedAccessPropagationTimeoutError);
        expect((result as Error).message).to.match(
          /IAM still answered ServiceAccessNotEnabled after \ds of waiting.*raise `propagationTimeoutSeconds`/,
        );
        expect(output).to.include("waiting up to 2s for it to propagate before trying to create RootSessions");
        expect(Date.now() - started).to.be.below(10_000);
        expect(
          fx()
            .emulator.calls()
            .filter((c) => c.operation === "ListOrganizationsFeatures").length,
        ).to.be.at.least(2);
      });

      it("does not wait when trusted access is really off: the error comes at once", async () => {
        fx().emulator.setFaults({ propagationDelayMs: 0 });
        const state = fx().emulator.state();
        state.organizations[0]!.trustedServices = {};
        fx().emulator.setState(state);
        const err = await muted(() => providerFor("RootSessions").create({})).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(ServiceAccessNotEnabledError);
        expect(
          fx()
            .emulator.calls()
            .map((c) => c.operation),
        ).to.deep.equal(["ListOrganizationsFeatures", "ListAWSServiceAccessForOrganization", "DescribeOrganization"]);
      });
    },
  );
});

describe("the README's promised message for each missing prerequisite", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const block = /<!-- prerequisite-errors:start -->\n```text\n([\s\S]*?)```\n<!-- prerequisite-errors:end -->/.exec(readme);
  const promised = (block?.[1] ?? "").trim().split("\n");
  const cases: Array<{ seed: () => Record<string, unknown>; key: string }> = [
    { seed: () => scenarioSeed(), key: KEYS.standalone },
    { seed: () => scenarioSeed({ featureSet: "CONSOLIDATED_BILLING" }), key: KEYS.management },
    { seed: () => scenarioSeed({ trustedServices: [] }), key: KEYS.management },
    { seed: () => scenarioSeed(), key: KEYS.member },
    { seed: () => scenarioSeed(), key: KEYS.delegatedAdmin },
  ];

  it("lists one message per prerequisite in the README", () => {
    expect(promised).to.have.length(cases.length);
  });

  cases.forEach((c, i) => {
    describe(`prerequisite ${i + 1}`, () => {
      withEmulator(c.seed, c.key, () => {
        it("fails `create RootSessions` with exactly the README's words", async () => {
          const err = (await muted(() => providerFor("RootSessions").create({})).catch((e: unknown) => e)) as Error;
          // The message as the engine shows it: the error's name first.
          expect(err.message).to.equal(promised[i]);
        });
      });
    });
  });
});

describe("the Organizations adapter reads paginated lists to the end, and no further", () => {
  let fx: EmulatorFixture;
  before(async () => {
    const seed = scenarioSeed({
      trustedServices: Array.from({ length: 9 }, (_, i) => `aaa${i}.amazonaws.com`).concat(IAM_PRINCIPAL),
    });
    const org = (seed.organizations as Array<Record<string, unknown>>)[0]!;
    const accounts = seed.accounts as Array<Record<string, unknown>>;
    for (let i = 0; i < 7; i += 1) accounts.push({ id: String(800_000_000_000 + i), organizationId: ORG_ID });
    org.delegatedAdministrators = accounts.slice(-7).map((a) => ({ accountId: a.id, servicePrincipal: IAM_PRINCIPAL }));
    fx = await startEmulator({ seed });
  });
  after(async () => fx.close());
  useEmulatorEnvironment(
    () => fx,
    () => KEYS.management,
  );

  it("finds iam.amazonaws.com and every delegated administrator across pages of one item", async () => {
    const api = createAwsApi({}, { organizationsPageSize: 1 });
    expect(await api.organizations.listTrustedServices())
      .to.include(IAM_PRINCIPAL)
      .and.have.length(10);
    expect(await api.organizations.listDelegatedAdministrators(IAM_PRINCIPAL)).to.have.length(7);
    expect(fx.emulator.calls().filter((c) => c.operation === "ListAWSServiceAccessForOrganization")).to.have.length(10);
    const lifecycle = providerFor("IamTrustedAccess").lifecycle;
    expect((await lifecycle.read(api, ORG_ID, {}, () => {})).props).to.include({ enabled: true });
  });

  it("stops with PaginationError on an endpoint that repeats its NextToken", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ EnabledServicePrincipals: [{ ServicePrincipal: "x.amazonaws.com" }], NextToken: "same" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const saved = process.env.AWS_ENDPOINT_URL_ORGANIZATIONS;
    process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const err = await createAwsApi({})
        .organizations.listTrustedServices()
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(PaginationError);
      expect((err as Error).message).to.match(
        /^Cannot read ListAWSServiceAccessForOrganization to the end: AWS returned the same NextToken twice \(after 2 pages\)/,
      );
    } finally {
      process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = saved;
      server.close();
    }
  });
});
