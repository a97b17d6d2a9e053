import { expect } from "chai";
import {
  AccountNotManagementOrDelegatedAdministratorError,
  AwsRequestError,
  CallerIsNotManagementAccountError,
  CredentialsNotFoundError,
  OrganizationNotFoundError,
  OrganizationNotInAllFeaturesModeError,
  RootAccessError,
  ServiceAccessNotEnabledError,
  mapAwsError,
  redact,
} from "../../provider/errors";
import { awsError } from "../fakeApi";

const context = { action: "enable RootSessions", organizationId: "o-a1b2c3d4e5" };

describe("mapAwsError", () => {
  const table: Array<[string, new (...args: never[]) => RootAccessError, RegExp]> = [
    ["OrganizationNotFound", OrganizationNotFoundError, /not in an AWS Organization.*create-organization --feature-set ALL/],
    ["OrganizationNotInAllFeaturesMode", OrganizationNotInAllFeaturesModeError, /consolidated billing only.*enable-all-features/],
    [
      "ServiceAccessNotEnabled",
      ServiceAccessNotEnabledError,
      /trusted access for IAM is not enabled.*enable-aws-service-access --service-principal iam.amazonaws.com/,
    ],
    [
      "AccountNotManagementOrDelegatedAdministrator",
      AccountNotManagementOrDelegatedAdministratorError,
      /neither the management account nor the IAM delegated administrator.*register-delegated-administrator/,
    ],
    [
      "CallerIsNotManagementAccount",
      CallerIsNotManagementAccountError,
      /only the management account can turn.*delegated administrator/,
    ],
  ];

  for (const [code, Type, message] of table) {
    for (const wire of [code, `${code}Exception`]) {
      it(`maps ${wire} to ${Type.name} with its fix`, () => {
        const mapped = mapAwsError(awsError(wire), context);
        expect(mapped).to.be.instanceOf(Type);
        expect(mapped.message).to.match(/^Cannot enable RootSessions/);
        expect(mapped.message).to.match(message);
      });
    }
  }

  it("names the organization when it is known", () => {
    expect(mapAwsError(awsError("ServiceAccessNotEnabledException"), context).message).to.include("(organization o-a1b2c3d4e5)");
  });

  it("maps the SDK's missing-credentials error to CredentialsNotFoundError", () => {
    expect(mapAwsError(awsError("CredentialsProviderError"), context)).to.be.instanceOf(CredentialsNotFoundError);
  });

  it("keeps the code of any other AWS error and redacts key IDs from its message", () => {
    const mapped = mapAwsError(awsError("AccessDenied", "User AKIAABCDEFGHIJKLMNOP is not authorized"), context);
    expect(mapped).to.be.instanceOf(AwsRequestError);
    expect(mapped.message).to.equal(
      "Cannot enable RootSessions (organization o-a1b2c3d4e5): AWS answered AccessDenied: User [redacted key id] is not authorized",
    );
  });

  it("recognises its errors by brand, across copies of the package", () => {
    const foreign = Object.assign(new Error("x"), { __pulumiAwsRootAccessError: true });
    expect(RootAccessError.isInstance(foreign)).to.equal(true);
    expect(RootAccessError.isInstance(new Error("x"))).to.equal(false);
    expect(mapAwsError(foreign, context)).to.equal(foreign);
  });
});

describe("redact", () => {
  it("removes the secret and session token found in the environment", () => {
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    try {
      expect(redact("sig for wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY failed")).to.equal("sig for [redacted] failed");
    } finally {
      if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
  });
});
