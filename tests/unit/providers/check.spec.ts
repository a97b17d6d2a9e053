import { expect } from "chai";
import { UNKNOWN, hasCheck } from "../../../provider/core/validate";
import { makeProvider } from "../../../provider/providers/provider";
import type { CheckFailure } from "../../../provider/core/validate";
import { BAD_INPUTS, OF } from "../../badInputs";
import { PROVIDERS, providerFor } from "../../providers";
import type { ResourceKind } from "../../providers";

/**
 * What a kind's `check` reports for an existing resource (old inputs present), as the engine would call it: each
 * kind validates its own properties. A create's `check` also previews the create with AWS reads once the inputs are
 * valid; that is proven against the emulator and through the CLI (`tests/e2e/preview-is-the-plan.e2e.spec.ts`).
 */
async function validateInputs(kind: ResourceKind, inputs: Record<string, unknown>): Promise<CheckFailure[]> {
  return (await providerFor(kind).check({ __provider: "serialized" }, inputs)).failures ?? [];
}

describe("check of every kind", () => {
  for (const { title, kind, inputs, property, reason } of BAD_INPUTS) {
    it(`rejects ${title}, naming ${property}`, async () => {
      const failures = await validateInputs(kind, inputs);
      const match = failures.find((f) => f.property === property);
      expect(match, JSON.stringify(failures)).to.not.equal(undefined);
      expect(match!.reason).to.match(reason);
    });
  }

  it("accepts a full, valid declaration", async () => {
    expect(
      await validateInputs(OF, {
        enabledFeatures: ["RootSessions", "RootCredentialsManagement"],
        organizationId: "o-a1b2c3d4e5",
        region: "us-gov-west-1",
        profile: "management",
        roleArn: "arn:aws:iam::123456789012:role/OrganizationAdmin",
        __provider: "serialized",
      }),
    ).to.deep.equal([]);
  });

  it("accepts the single-feature resources with no arguments", async () => {
    expect(await validateInputs("RootSessions", {})).to.deep.equal([]);
    expect(await validateInputs("RootCredentialsManagement", {})).to.deep.equal([]);
  });

  it("lets values that are unknown during preview through", async () => {
    expect(await validateInputs(OF, { enabledFeatures: UNKNOWN, organizationId: UNKNOWN })).to.deep.equal([]);
    expect(await validateInputs(OF, { enabledFeatures: ["RootSessions", UNKNOWN] })).to.deep.equal([]);
  });

  it("reports every problem at once", async () => {
    const failures = await validateInputs(OF, {
      enabledFeatures: ["Nope", "RootSessions", "RootSessions"],
      organizationId: "bad",
      extra: 1,
    });
    expect(failures.map((f) => f.property)).to.have.members([
      "enabledFeatures[0]",
      "enabledFeatures[2]",
      "organizationId",
      "extra",
    ]);
  });
});

describe("check of MemberRootCredentials", () => {
  it("accepts an account with the defaults, a subset to remove, and password recovery without removing the password", async () => {
    expect(await validateInputs("MemberRootCredentials", { accountId: "222222222222" })).to.deep.equal([]);
    expect(await validateInputs("MemberRootCredentials", { accountId: "222222222222", remove: [] })).to.deep.equal([]);
    expect(
      await validateInputs("MemberRootCredentials", {
        accountId: "222222222222",
        remove: ["accessKeys", "signingCertificates", "mfaDevices"],
        allowPasswordRecovery: true,
      }),
    ).to.deep.equal([]);
  });

  it("lets an account ID that is unknown during preview through", async () => {
    expect(await validateInputs("MemberRootCredentials", { accountId: UNKNOWN, remove: [UNKNOWN] })).to.deep.equal([]);
  });
});

describe("the declaration of a kind's properties", () => {
  it("fails when the provider is made, naming a property that has no check", () => {
    expect(() => makeProvider("Sample", ["organizationId", "colour"], providerFor("RootSessions").lifecycle)).to.throw(
      /Sample declares property "colour", which has no check in core\/validate\.ts/,
    );
  });

  it("has a check for every property of every kind", () => {
    for (const kind of Object.keys(PROVIDERS) as ResourceKind[]) {
      for (const property of providerFor(kind).properties) expect(hasCheck(property), `${kind}.${property}`).to.equal(true);
    }
  });
});
