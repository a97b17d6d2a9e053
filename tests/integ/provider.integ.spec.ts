import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { DisableOrganizationsRootSessionsCommand } from "@aws-sdk/client-iam";
import { providerFor } from "../providers";
import type { ResourceKind } from "../providers";
import {
  AccountNotManagementOrDelegatedAdministratorError,
  CallerIsNotManagementAccountError,
  OrganizationNotFoundError,
  OrganizationNotInAllFeaturesModeError,
  RootAccessError,
  ServiceAccessNotEnabledError,
} from "../../provider/errors";
import { KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { newDeployment, muted, useEmulatorEnvironment } from "../integEnvironment";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string) => {
  handler: () => Required<pulumi.dynamic.ResourceProvider>;
};

describe("the dynamic provider over the real AWS SDK against the emulator", () => {
  let fx: EmulatorFixture;
  before(async () => {
    fx = await startEmulator({ seed: scenarioSeed() });
  });
  after(async () => fx.close());
  useEmulatorEnvironment(
    () => fx,
    () => KEYS.management,
  );
  beforeEach(() => fx.emulator.clearCalls());

  const provider = (kind: ResourceKind) => providerFor(kind);

  it("creates RootSessions with one List and one Enable, ID = organization", async () => {
    const result = await muted(() => provider("RootSessions").create({}));
    expect(result.id).to.equal(ORG_ID);
    expect(result.outs).to.deep.equal({ organizationId: ORG_ID, enabledFeatures: ["RootSessions"] });
    expect(operations(fx.emulator)).to.deep.equal(["ListOrganizationsFeatures", "EnableOrganizationsRootSessions"]);
  });

  it("adopts RootSessions that is already on without a mutating call", async () => {
    await muted(() => provider("RootSessions").create({}));
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
  });

  it("sees drift after a console change, and read returns the live state", async () => {
    const p = provider("RootSessions");
    await fx.clientsFor(KEYS.management).iam.send(new DisableOrganizationsRootSessionsCommand({}));
    const diff = await muted(() => p.diff(ORG_ID, { organizationId: ORG_ID, enabledFeatures: ["RootSessions"] }, {}));
    expect(diff.changes).to.equal(true);
    const read = await p.read(ORG_ID, { organizationId: ORG_ID, enabledFeatures: ["RootSessions"] });
    expect(read.props).to.deep.equal({ organizationId: ORG_ID, enabledFeatures: [] });
  });

  it("updates OrganizationsFeatures both ways and deletes only what it declared", async () => {
    const p = provider("OrganizationsFeatures");
    const created = await muted(() => p.create({ enabledFeatures: ["RootCredentialsManagement"] }));
    expect(created.outs.enabledFeatures).to.deep.equal(["RootCredentialsManagement"]);
    const widened = await p.update(ORG_ID, created.outs, { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] });
    expect(widened.outs.enabledFeatures).to.deep.equal(["RootCredentialsManagement", "RootSessions"]);
    const narrowed = await p.update(ORG_ID, widened.outs, { enabledFeatures: ["RootSessions"] });
    expect(narrowed.outs.enabledFeatures).to.deep.equal(["RootSessions"]);
    fx.emulator.clearCalls();
    newDeployment();
    await p.delete(ORG_ID, narrowed.outs);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootSessions"]);
    expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
  });

  it("runs the provider as Pulumi serializes it into state, closure and all", async () => {
    // The same call pulumi.dynamic.Resource makes; the engine's host then runs `requireFromString(text).handler()`.
    const original = providerFor("RootCredentialsManagement");
    const serialized = await pulumi.runtime.serializeFunction(() => original, { allowSecrets: true });
    const loaded = requireFromString(serialized.text).handler();
    await loaded.configure!({ config: { get: () => undefined, require: () => "" } });
    expect((await loaded.check({}, { bogus: 1 })).failures).to.have.length(1);
    const created = await muted(() => loaded.create({}));
    expect(created.outs.enabledFeatures).to.deep.equal(["RootCredentialsManagement"]);
    newDeployment();
    await loaded.delete(created.id, created.outs);
    expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([
      "EnableOrganizationsRootCredentialsManagement",
      "DisableOrganizationsRootCredentialsManagement",
    ]);
    const mismatch = await loaded.delete("o-zzzzzzzzzz", created.outs).catch((e: unknown) => e);
    expect((mismatch as Error).message).to.match(
      /^OrganizationMismatchError: Refusing to delete RootCredentialsManagement: this resource belongs to organization o-zzzzzzzzzz/,
    );
    expect(serialized.text).to.not.include(fx.credentials.secretAccessKey);
    expect(serialized.text).to.not.include(KEYS.management);
  });
});

describe("each missing prerequisite, end to end through the SDK", () => {
  const cases: Array<{
    title: string;
    seed: Record<string, unknown>;
    key: string;
    Type: new (...a: never[]) => RootAccessError;
    message: RegExp;
  }> = [
    {
      title: "an account outside any organization",
      seed: scenarioSeed(),
      key: KEYS.standalone,
      Type: OrganizationNotFoundError,
      message: /not in an AWS Organization/,
    },
    {
      title: "an organization in consolidated-billing mode",
      seed: scenarioSeed({ featureSet: "CONSOLIDATED_BILLING" }),
      key: KEYS.management,
      Type: OrganizationNotInAllFeaturesModeError,
      message: /consolidated billing only/,
    },
    {
      title: "IAM trusted access switched off",
      seed: scenarioSeed({ trustedServices: [] }),
      key: KEYS.management,
      Type: ServiceAccessNotEnabledError,
      message: /enable-aws-service-access --service-principal iam.amazonaws.com/,
    },
    {
      title: "a member account",
      seed: scenarioSeed(),
      key: KEYS.member,
      Type: AccountNotManagementOrDelegatedAdministratorError,
      message: /neither the management account/,
    },
    {
      title: "the IAM delegated administrator enabling a feature",
      seed: scenarioSeed(),
      key: KEYS.delegatedAdmin,
      Type: CallerIsNotManagementAccountError,
      message: /only the management account can turn/,
    },
  ];

  for (const c of cases) {
    describe(c.title, () => {
      let fx: EmulatorFixture;
      before(async () => {
        fx = await startEmulator({ seed: c.seed });
      });
      after(async () => fx.close());
      useEmulatorEnvironment(
        () => fx,
        () => c.key,
      );

      it(`fails create with ${c.Type.name} and changes nothing`, async () => {
        const err = await muted(() => providerFor("RootSessions").create({})).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(c.Type);
        expect((err as Error).message).to.match(c.message);
        expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
      });
    });
  }
});
