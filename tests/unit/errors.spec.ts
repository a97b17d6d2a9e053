import { expect } from "chai";
import * as path from "node:path";
import {
  AccountNotManagementOrDelegatedAdministratorError,
  AwsRequestError,
  CallerIsNotManagementAccountError,
  ChangeIncompleteError,
  FeatureChangeIncompleteError,
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
    expect(RootAccessError.is(foreign)).to.equal(true);
    expect(RootAccessError.is(new Error("x"))).to.equal(false);
    expect(mapAwsError(foreign, context)).to.equal(foreign);
  });
});

describe("each error class's static is()", () => {
  /** A second loaded copy of the errors room, as a serialized provider requires it beside the program's. */
  function secondCopy(): typeof import("../../provider/errors") {
    const room = path.dirname(require.resolve("../../provider/errors"));
    const cached = Object.keys(require.cache).filter((k) => k.startsWith(room + path.sep));
    const saved = cached.map((k) => [k, require.cache[k]] as const);
    for (const k of cached) delete require.cache[k];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load is the point
      return require("../../provider/errors") as typeof import("../../provider/errors");
    } finally {
      for (const [k, m] of saved) require.cache[k] = m;
    }
  }

  it("recognises an error of its class made by another loaded copy of the package, where instanceof fails", () => {
    const copy = secondCopy();
    const foreign = new copy.OrganizationNotFoundError(context);
    expect(foreign).to.not.be.instanceOf(OrganizationNotFoundError);
    expect(OrganizationNotFoundError.is(foreign)).to.equal(true);
    expect(RootAccessError.is(foreign)).to.equal(true);
    expect(ServiceAccessNotEnabledError.is(foreign)).to.equal(false);
  });

  it("recognises subclasses, and not the other way round", () => {
    const partial = new FeatureChangeIncompleteError(context.organizationId, ["enable A"], "enable B", new Error("x"));
    expect(ChangeIncompleteError.is(partial)).to.equal(true);
    expect(FeatureChangeIncompleteError.is(partial)).to.equal(true);
    const general = new ChangeIncompleteError(context.organizationId, ["enable A"], "enable B", new Error("x"));
    expect(FeatureChangeIncompleteError.is(general)).to.equal(false);
  });

  it("refuses anything without the package's brand, whatever its name", () => {
    const lookalike = Object.assign(new Error("x"), { name: "OrganizationNotFoundError" });
    expect(OrganizationNotFoundError.is(lookalike)).to.equal(false);
    expect(RootAccessError.is(null)).to.equal(false);
    expect(RootAccessError.is("OrganizationNotFoundError")).to.equal(false);
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
