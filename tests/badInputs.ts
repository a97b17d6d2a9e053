/** Wrong declarations, shared by the unit tests of `check` and the end-to-end tests through the real engine. */
import type { ResourceKind } from "./providers";

/** One wrong declaration: which resource, its inputs, the property the error must name and how it must read. */
export interface BadInput {
  title: string;
  kind: ResourceKind;
  inputs: Record<string, unknown>;
  property: string;
  reason: RegExp;
}

type Row = [title: string, kind: ResourceKind, inputs: Record<string, unknown>, property: string, reason: RegExp];

export const VALID = "RootCredentialsManagement, RootSessions";
export const OF: ResourceKind = "OrganizationsFeatures";

const ROWS: Row[] = [
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
    "an account ID as the import ID of a feature",
    "RootSessions",
    { importId: "123456789012" },
    "importId",
    /must be the organization ID/,
  ],
  [
    "an import ID that is not the declared account",
    "MemberRootCredentials",
    { accountId: "222222222222", importId: "333333333333" },
    "importId",
    /must be the declared accountId "222222222222"/,
  ],
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
    "removeAdoptedOnDelete as a string",
    "IamDelegatedAdministrator",
    { accountId: "333333333333", removeAdoptedOnDelete: "true" },
    "removeAdoptedOnDelete",
    /must be true or false, got "true"/,
  ],
  [
    "removeAdoptedOnDelete as a number on a feature",
    "RootSessions",
    { removeAdoptedOnDelete: 1 },
    "removeAdoptedOnDelete",
    /must be true or false, got 1/,
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
  ["an empty feature name", OF, { enabledFeatures: [""] }, "enabledFeatures[0]", /"", which is not a feature/],
  ["a boolean feature name", OF, { enabledFeatures: [true] }, "enabledFeatures[0]", /true, which is not a feature/],
  ["an object in the list", OF, { enabledFeatures: [{ name: "RootSessions" }] }, "enabledFeatures[0]", /not a feature/],
  [
    "a feature name with a typo",
    OF,
    { enabledFeatures: ["RootSession"] },
    "enabledFeatures[0]",
    /"RootSession", which is not a feature/,
  ],
  ["an empty organization ID", "RootSessions", { organizationId: "" }, "organizationId", /organization ID like o-a1b2c3d4e5/],
  ["an organization ID with spaces", "RootSessions", { organizationId: "o-a1b2c3 d4e5" }, "organizationId", /organization ID/],
  [
    "an organization ID that is too long",
    "RootSessions",
    { organizationId: `o-${"a".repeat(33)}` },
    "organizationId",
    /organization ID/,
  ],
  [
    "an organization ID given as a list",
    OF,
    { enabledFeatures: ["RootSessions"], organizationId: ["o-a1b2c3d4e5"] },
    "organizationId",
    /must be a string/,
  ],
  ["an empty profile", "RootCredentialsManagement", { profile: "" }, "profile", /profile name/],
  ["a profile with a newline", "RootCredentialsManagement", { profile: "a\nb" }, "profile", /profile name/],
  ["a role ARN that is a number", "RootSessions", { roleArn: 42 }, "roleArn", /roleArn must be a string/],
  ["an empty role ARN", "RootSessions", { roleArn: "" }, "roleArn", /IAM role ARN/],
  [
    "a region given as a list",
    OF,
    { enabledFeatures: ["RootSessions"], region: ["us-east-1"] },
    "region",
    /region must be a string/,
  ],
  ["a region in upper case", "RootSessions", { region: "US-EAST-1" }, "region", /AWS Region name/],
  [
    "a propagation timeout given as a string",
    "RootSessions",
    { propagationTimeoutSeconds: "120" },
    "propagationTimeoutSeconds",
    /whole number of seconds/,
  ],
  [
    "an account ID with letters",
    "IamDelegatedAdministrator",
    { accountId: "12345678901a" },
    "accountId",
    /12-digit AWS account ID/,
  ],
  [
    "a misspelt property on IamTrustedAccess",
    "IamTrustedAccess",
    { disableOnDestroy: true },
    "disableOnDestroy",
    /valid properties: .*disableOnDelete/,
  ],
  ...memberRootCredentialsRows(),
];

/** Wrong declarations of MemberRootCredentials (issue: member-account root credentials as code). */
function memberRootCredentialsRows(): Row[] {
  const M: ResourceKind = "MemberRootCredentials";
  const ACCOUNT = { accountId: "222222222222" };
  return [
    ["no accountId on MemberRootCredentials", M, {}, "accountId", /accountId is required: the 12-digit ID of the member account/],
    ["a member account ID of 11 digits", M, { accountId: "22222222222" }, "accountId", /12-digit AWS account ID/],
    ["a member account ID given as a number", M, { accountId: 222222222222 }, "accountId", /must be a string/],
    ["a member account ID with a dash", M, { accountId: "2222-2222-2222" }, "accountId", /12-digit AWS account ID/],
    ["an unknown credential kind", M, { ...ACCOUNT, remove: ["rootPassword"] }, "remove[0]", /"rootPassword"/],
    [
      "a lower-case credential kind, with a hint",
      M,
      { ...ACCOUNT, remove: ["accesskeys"] },
      "remove[0]",
      /did you mean "accessKeys"/,
    ],
    ["a credential kind listed twice", M, { ...ACCOUNT, remove: ["password", "password"] }, "remove[1]", /more than once/],
    ["remove given as one string", M, { ...ACCOUNT, remove: "password" }, "remove", /list/],
    ["remove holding a number", M, { ...ACCOUNT, remove: [1] }, "remove[0]", /1/],
    [
      "password recovery while removing the password",
      M,
      { ...ACCOUNT, remove: ["accessKeys", "password"], allowPasswordRecovery: true },
      "allowPasswordRecovery",
      /remove includes "password".*set allowPasswordRecovery to false/,
    ],
    [
      "allowPasswordRecovery given as a string",
      M,
      { ...ACCOUNT, allowPasswordRecovery: "true" },
      "allowPasswordRecovery",
      /must be true or false, got "true"/,
    ],
    [
      "a misspelt property on MemberRootCredentials",
      M,
      { ...ACCOUNT, removes: ["password"] },
      "removes",
      /valid properties: .*remove/,
    ],
    [
      "accountIds given to a single account's resource",
      M,
      { ...ACCOUNT, accountIds: ["555555555555"] },
      "accountIds",
      /no property "accountIds"/,
    ],
    [
      "a malformed organizationId on MemberRootCredentials",
      M,
      { ...ACCOUNT, organizationId: "org-1" },
      "organizationId",
      /o-a1b2c3d4e5/,
    ],
    ["a malformed roleArn on MemberRootCredentials", M, { ...ACCOUNT, roleArn: "arn:aws:iam::1:user/x" }, "roleArn", /role/],
  ];
}

export const BAD_INPUTS: BadInput[] = ROWS.map(([title, kind, inputs, property, reason]) => ({
  title,
  kind,
  inputs,
  property,
  reason,
}));

/**
 * Rows the native face accepts on purpose: an account ID that arrives as a number. YAML programs turn digit-only
 * config values into numbers (pulumi/pulumi-yaml#577), and a 12-digit ID is restored from one without loss
 * (provider/native/accountIds.ts). The dynamic face, whose programs are typed, refuses them.
 */
export const RESTORED_BY_THE_NATIVE_FACE: ReadonlySet<string> = new Set([
  "an account ID given as a number",
  "a member account ID given as a number",
]);
