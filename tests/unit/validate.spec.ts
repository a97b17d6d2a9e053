import { expect } from "chai";
import { UNKNOWN, validateInputs } from "../../provider/validate";
import { BAD_INPUTS, OF } from "../badInputs";

describe("validateInputs", () => {
  for (const { title, kind, inputs, property, reason } of BAD_INPUTS) {
    it(`rejects ${title}, naming ${property}`, () => {
      const failures = validateInputs(kind, inputs);
      const match = failures.find((f) => f.property === property);
      expect(match, JSON.stringify(failures)).to.not.equal(undefined);
      expect(match!.reason).to.match(reason);
    });
  }

  it("accepts a full, valid declaration", () => {
    expect(
      validateInputs(OF, {
        enabledFeatures: ["RootSessions", "RootCredentialsManagement"],
        organizationId: "o-a1b2c3d4e5",
        region: "us-gov-west-1",
        profile: "management",
        roleArn: "arn:aws:iam::123456789012:role/OrganizationAdmin",
        __provider: "serialized",
      }),
    ).to.deep.equal([]);
  });

  it("accepts the single-feature resources with no arguments", () => {
    expect(validateInputs("RootSessions", {})).to.deep.equal([]);
    expect(validateInputs("RootCredentialsManagement", {})).to.deep.equal([]);
  });

  it("lets values that are unknown during preview through", () => {
    expect(validateInputs(OF, { enabledFeatures: UNKNOWN, organizationId: UNKNOWN })).to.deep.equal([]);
    expect(validateInputs(OF, { enabledFeatures: ["RootSessions", UNKNOWN] })).to.deep.equal([]);
  });

  it("reports every problem at once", () => {
    const failures = validateInputs(OF, {
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
