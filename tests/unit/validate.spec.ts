import { expect } from "chai";
import { UNKNOWN, validateInputs } from "../../provider/validate";
import type { ResourceKind } from "../../provider/kinds";

type Case = [title: string, kind: ResourceKind, inputs: Record<string, unknown>, property: string, reason: RegExp];

const VALID = "RootCredentialsManagement, RootSessions";
const OF: ResourceKind = "OrganizationsFeatures";

const rejected: Case[] = [
  [
    "an unknown feature name",
    OF,
    { enabledFeatures: ["RootLogin"] },
    "enabledFeatures[0]",
    new RegExp(`"RootLogin".*valid values: ${VALID}`),
  ],
  [
    "a lower-case feature name, with a hint",
    OF,
    { enabledFeatures: ["rootsessions"] },
    "enabledFeatures[0]",
    /did you mean "RootSessions"\? names are case-sensitive/,
  ],
  ["an upper-case feature name", OF, { enabledFeatures: ["ROOTSESSIONS"] }, "enabledFeatures[0]", /did you mean "RootSessions"/],
  [
    "a feature name with spaces",
    OF,
    { enabledFeatures: [" RootSessions "] },
    "enabledFeatures[0]",
    /did you mean "RootSessions"/,
  ],
  [
    "a duplicate feature",
    OF,
    { enabledFeatures: ["RootSessions", "RootSessions"] },
    "enabledFeatures[1]",
    /listed more than once/,
  ],
  ["an empty list", OF, { enabledFeatures: [] }, "enabledFeatures", /at least one of .*delete the resource/],
  ["a missing list", OF, {}, "enabledFeatures", /is required/],
  ["null", OF, { enabledFeatures: null }, "enabledFeatures", /is required/],
  ["a string instead of a list", OF, { enabledFeatures: "RootSessions" }, "enabledFeatures", /must be a list/],
  ["a number instead of a list", OF, { enabledFeatures: 7 }, "enabledFeatures", /must be a list/],
  ["an object instead of a list", OF, { enabledFeatures: { RootSessions: true } }, "enabledFeatures", /must be a list/],
  ["a number in the list", OF, { enabledFeatures: [1] }, "enabledFeatures[0]", /1, which is not a feature/],
  ["a nested list", OF, { enabledFeatures: [["RootSessions"]] }, "enabledFeatures[0]", /not a feature/],
  ["null in the list", OF, { enabledFeatures: [null] }, "enabledFeatures[0]", /not a feature/],
  [
    "a huge string, shown shortened",
    OF,
    { enabledFeatures: ["x".repeat(100_000)] },
    "enabledFeatures[0]",
    /… \(100002 characters\)/,
  ],
  [
    "an unknown property",
    "RootSessions",
    { enabledFeatures: ["RootSessions"] },
    "enabledFeatures",
    /RootSessions has no property "enabledFeatures"/,
  ],
  [
    "a misspelt property",
    OF,
    { enabledFeatures: ["RootSessions"], organisationId: "o-a1b2c3d4e5" },
    "organisationId",
    /valid properties: organizationId/,
  ],
  [
    "an organization ID without the o- prefix",
    "RootSessions",
    { organizationId: "a1b2c3d4e5" },
    "organizationId",
    /\^o-\[a-z0-9\]\{10,32\}\$/,
  ],
  [
    "an organization ID that is too short",
    "RootSessions",
    { organizationId: "o-abc" },
    "organizationId",
    /organization ID like o-a1b2c3d4e5/,
  ],
  ["an organization ID in upper case", "RootSessions", { organizationId: "o-A1B2C3D4E5" }, "organizationId", /organization ID/],
  ["an organization ID that is a number", "RootSessions", { organizationId: 1234567890 }, "organizationId", /must be a string/],
  ["a region that is not a string", "RootCredentialsManagement", { region: 1 }, "region", /region must be a string/],
  [
    "a region that is not a Region",
    "RootCredentialsManagement",
    { region: "US East" },
    "region",
    /AWS Region name such as us-east-1/,
  ],
  ["a profile with spaces", "RootSessions", { profile: "my profile" }, "profile", /profile name/],
  ["a role ARN that is a user ARN", "RootSessions", { roleArn: "arn:aws:iam::123456789012:user/bob" }, "roleArn", /IAM role ARN/],
  ["a role ARN with a short account", "RootSessions", { roleArn: "arn:aws:iam::1234:role/Admin" }, "roleArn", /IAM role ARN/],
  ["an import ID that is not an organization ID", "RootSessions", { importId: "r-1234" }, "importId", /`import` option's ID/],
  [
    "a missing delegated administrator account",
    "IamDelegatedAdministrator",
    {},
    "accountId",
    /accountId is required: the 12-digit ID/,
  ],
  [
    "an account ID with 11 digits",
    "IamDelegatedAdministrator",
    { accountId: "12345678901" },
    "accountId",
    /12-digit AWS account ID/,
  ],
  ["an account ID given as a number", "IamDelegatedAdministrator", { accountId: 123456789012 }, "accountId", /must be a string/],
  [
    "disableOnDelete as a string",
    "IamTrustedAccess",
    { disableOnDelete: "yes" },
    "disableOnDelete",
    /must be true or false, got "yes"/,
  ],
  [
    "enabledFeatures on IamTrustedAccess",
    "IamTrustedAccess",
    { enabledFeatures: ["RootSessions"] },
    "enabledFeatures",
    /IamTrustedAccess has no property/,
  ],
  [
    "a negative propagation timeout",
    "RootSessions",
    { propagationTimeoutSeconds: -1 },
    "propagationTimeoutSeconds",
    /whole number of seconds from 0 to 3600/,
  ],
  [
    "a fractional propagation timeout",
    OF,
    { enabledFeatures: ["RootSessions"], propagationTimeoutSeconds: 1.5 },
    "propagationTimeoutSeconds",
    /whole number/,
  ],
  [
    "an endless propagation timeout",
    "RootSessions",
    { propagationTimeoutSeconds: 86_400 },
    "propagationTimeoutSeconds",
    /from 0 to 3600/,
  ],
];

describe("validateInputs", () => {
  for (const [title, kind, inputs, property, reason] of rejected) {
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
