import { expect } from "chai";
import { featureLifecycle } from "../../../provider/providers/featureLifecycle";
import * as support from "../../../provider/providers/provider";
import { readStackSettings } from "../../../provider/aws";
import {
  FeatureChangeIncompleteError,
  ImportMismatchError,
  OrganizationMismatchError,
  ServiceAccessNotEnabledError,
} from "../../../provider/errors";
import { UNKNOWN } from "../../../provider/core/validate";
import { FakeApi, awsError } from "../../fakeApi";
import { forgetClaims } from "../../../provider/core/claims";

const ORG = "o-a1b2c3d4e5";
const features = featureLifecycle({ kind: "OrganizationsFeatures" });
const sessions = featureLifecycle({ kind: "RootSessions", fixed: "RootSessions" });
const quiet = (): void => {};
const BOTH = ["RootCredentialsManagement", "RootSessions"];

function collect(): { messages: string[]; report: (m: string) => void } {
  const messages: string[] = [];
  return { messages, report: (m) => messages.push(m) };
}

describe("the feature lifecycle", () => {
  beforeEach(() => forgetClaims());

  describe("diff", () => {
    it("reports no change when the live features match the declaration, in any order", async () => {
      const api = new FakeApi(ORG, ["RootSessions", "RootCredentialsManagement"]);
      const olds = { organizationId: ORG, enabledFeatures: BOTH, declaredFeatures: BOTH };
      const result = await features.diff(
        api,
        ORG,
        olds,
        { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] },
        quiet,
      );
      expect(result).to.deep.equal({ changes: false });
      expect(api.calls).to.deep.equal(["list"]);
    });

    it("reports drift and names the feature and organization when a feature was switched off", async () => {
      const api = new FakeApi(ORG, ["RootCredentialsManagement"]);
      const { messages, report } = collect();
      const olds = { organizationId: ORG, enabledFeatures: BOTH, declaredFeatures: BOTH };
      const result = await features.diff(api, ORG, olds, { enabledFeatures: BOTH }, report);
      expect(result.changes).to.equal(true);
      expect(messages).to.deep.equal([
        `OrganizationsFeatures drift in organization ${ORG}: live features [RootCredentialsManagement], declared [RootCredentialsManagement, RootSessions]; \`pulumi up\` will enable RootSessions.`,
      ]);
    });

    it("ignores features a single-feature resource does not own", async () => {
      const api = new FakeApi(ORG, ["RootSessions", "RootCredentialsManagement"]);
      const result = await sessions.diff(api, ORG, { organizationId: ORG, enabledFeatures: ["RootSessions"] }, {}, quiet);
      expect(result.changes).to.equal(false);
    });

    it("shows a change without calling AWS when the declaration is unknown during preview", async () => {
      const api = new FakeApi(ORG);
      expect(await features.diff(api, ORG, {}, { enabledFeatures: UNKNOWN }, quiet)).to.deep.equal({
        changes: true,
      });
      expect(api.calls).to.deep.equal([]);
    });

    it("records a changed declaration even when AWS already matches it", async () => {
      const api = new FakeApi(ORG, ["RootSessions", "RootCredentialsManagement"]);
      const olds = { organizationId: ORG, enabledFeatures: BOTH, declaredFeatures: ["RootSessions"] };
      expect((await features.diff(api, ORG, olds, { enabledFeatures: BOTH }, quiet)).changes).to.equal(true);
    });

    it("never asks for a replacement, whatever changed", async () => {
      const api = new FakeApi(ORG, []);
      const result = await features.diff(
        api,
        ORG,
        { declaredFeatures: ["RootSessions"] },
        { enabledFeatures: BOTH, region: "eu-west-1" },
        quiet,
      );
      expect(result).to.not.have.property("replaces");
    });

    it("records a change of connection settings alone as an update, and says it changes nothing in AWS", async () => {
      const api = new FakeApi(ORG, ["RootSessions"]);
      const { messages, report } = collect();
      const olds = { organizationId: ORG, enabledFeatures: ["RootSessions"], profile: "old" };
      const result = await sessions.diff(api, ORG, olds, { profile: "new", region: "eu-west-1" }, report);
      expect(result.changes).to.equal(true);
      expect(messages).to.deep.equal([
        'RootSessions: connection settings changed (region unset → "eu-west-1", profile "old" → "new"); the update records them and changes nothing in AWS.',
      ]);
      expect(api.calls).to.deep.equal(["list"]);
    });

    it("refuses when the credentials reach another organization than the one in state", async () => {
      const api = new FakeApi("o-zzzzzzzzzz", []);
      const err = await sessions.diff(api, ORG, {}, {}, quiet).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(OrganizationMismatchError);
      expect((err as Error).message).to.match(/belongs to organization o-a1b2c3d4e5.*reach organization o-zzzzzzzzzz/);
    });
  });

  describe("create", () => {
    it("enables each missing feature, one call each, and returns the organization as ID", async () => {
      const api = new FakeApi(ORG, []);
      const result = await features.create(api, { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] }, quiet);
      expect(api.calls).to.deep.equal(["list", "enable RootCredentialsManagement", "enable RootSessions"]);
      expect(result).to.deep.equal({ id: ORG, outs: { organizationId: ORG, enabledFeatures: BOTH, declaredFeatures: BOTH } });
    });

    it("adopts a feature that is already enabled without any mutating call, and says that delete leaves it", async () => {
      const api = new FakeApi(ORG, ["RootSessions"]);
      const { messages, report } = collect();
      const result = await sessions.create(api, {}, report);
      expect(api.calls).to.deep.equal(["list"]);
      expect(result.outs.enabledFeatures).to.deep.equal(["RootSessions"]);
      expect(result.outs.adoptedFeatures).to.deep.equal(["RootSessions"]);
      expect(messages).to.deep.equal([
        `RootSessions: adopted RootSessions, already enabled in organization ${ORG}; no change made for it; deleting ` +
          "this resource leaves it as it was found (set `removeAdoptedOnDelete: true` to remove it then).",
      ]);
    });

    it("leaves an adopted feature on when deleted, and disables it with removeAdoptedOnDelete", async () => {
      const api = new FakeApi(ORG, ["RootSessions"]);
      const { messages, report } = collect();
      const { outs } = await sessions.create(api, {}, report);
      forgetClaims(); // the delete comes in a later deployment (a destroy)
      await sessions.delete(api, ORG, outs, report);
      expect(api.enabled).to.deep.equal(["RootSessions"]);
      expect(messages.join("\n")).to.include("leaving RootSessions enabled in organization");
      await sessions.delete(api, ORG, { ...outs, removeAdoptedOnDelete: true }, report);
      expect(api.enabled).to.deep.equal([]);
    });

    it("warns that an authoritative declaration will disable an undeclared live feature", async () => {
      const api = new FakeApi(ORG, ["RootCredentialsManagement"]);
      const { messages, report } = collect();
      await features.create(api, { enabledFeatures: ["RootSessions"] }, report);
      expect(messages.join("\n")).to.match(/RootCredentialsManagement is enabled .* but not declared/);
    });

    it("refuses to act on another organization than the declared organizationId, before any change", async () => {
      const api = new FakeApi("o-zzzzzzzzzz", []);
      const err = await sessions.create(api, { organizationId: ORG }, quiet).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(OrganizationMismatchError);
      expect(api.calls).to.deep.equal(["list"]);
    });

    it("imports live state with no mutating call when it matches the declaration", async () => {
      const api = new FakeApi(ORG, BOTH as never);
      const result = await features.create(api, { enabledFeatures: BOTH, importId: ORG }, quiet);
      expect(api.calls).to.deep.equal(["list"]);
      expect(result.id).to.equal(ORG);
    });

    it("refuses an import whose live state differs from the declaration, changing nothing", async () => {
      const api = new FakeApi(ORG, ["RootSessions"]);
      const err = await features.create(api, { enabledFeatures: BOTH, importId: ORG }, quiet).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ImportMismatchError);
      expect((err as Error).message).to.include("it would need to enable RootCredentialsManagement");
      expect(api.calls).to.deep.equal(["list"]);
    });

    it("says which feature succeeded when the second fails, and records the partial create", async () => {
      const api = new FakeApi(ORG, []);
      api.failOn = { call: "enable RootSessions", error: awsError("ServiceFailure", "boom") };
      const err = (await features
        .create(api, { enabledFeatures: BOTH }, quiet)
        .catch((e: unknown) => e)) as FeatureChangeIncompleteError & {
        id?: string;
        properties?: Record<string, unknown>;
        reasons?: string[];
      };
      expect(err).to.be.instanceOf(FeatureChangeIncompleteError);
      expect(err.message).to.match(
        /^Partly applied to organization o-a1b2c3d4e5: enable RootCredentialsManagement succeeded, then enable RootSessions failed/,
      );
      expect(err.id).to.equal(ORG);
      expect(err.properties).to.include({ organizationId: ORG });
      expect(err.reasons, "the engine shows only reasons for a partial create").to.deep.equal([err.message]);
    });

    it("maps a prerequisite error on the first call to its typed error", async () => {
      const api = new FakeApi(ORG, []);
      api.trusted = [];
      api.failOn = { call: "list", error: awsError("ServiceAccessNotEnabledException") };
      const err = await sessions.create(api, {}, quiet).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ServiceAccessNotEnabledError);
    });
  });

  describe("update", () => {
    it("enables what was added and disables what was removed from enabledFeatures", async () => {
      const api = new FakeApi(ORG, ["RootCredentialsManagement"]);
      const result = await features.update(api, ORG, {}, { enabledFeatures: ["RootSessions"] }, quiet);
      expect(api.calls).to.deep.equal(["list", "enable RootSessions", "disable RootCredentialsManagement"]);
      expect(result.outs).to.deep.equal({
        organizationId: ORG,
        enabledFeatures: ["RootSessions"],
        declaredFeatures: ["RootSessions"],
      });
    });
  });

  describe("read", () => {
    it("returns the live features and keeps the declaration", async () => {
      const api = new FakeApi(ORG, ["RootCredentialsManagement"]);
      const result = await features.read(api, ORG, { declaredFeatures: BOTH, profile: "mgmt" }, quiet);
      expect(result).to.deep.equal({
        id: ORG,
        props: { organizationId: ORG, enabledFeatures: ["RootCredentialsManagement"], declaredFeatures: BOTH, profile: "mgmt" },
      });
    });
  });

  describe("delete", () => {
    it("disables only the declared features that are live", async () => {
      const api = new FakeApi(ORG, BOTH as never);
      await features.delete(api, ORG, { declaredFeatures: ["RootSessions"] }, quiet);
      expect(api.calls).to.deep.equal(["list", "disable RootSessions"]);
    });

    it("succeeds with no mutating call when the feature is already off", async () => {
      const api = new FakeApi(ORG, []);
      await sessions.delete(api, ORG, {}, quiet);
      expect(api.calls).to.deep.equal(["list"]);
    });
  });

  describe("connection settings", () => {
    it("prefers the resource's settings over the stack's and reads aws:region and aws:profile", () => {
      const stack = readStackSettings({ get: (k) => ({ "aws:region": "eu-west-1", "aws:profile": "stack" })[k] });
      expect(
        support.settingsFor(stack, { profile: "resource", roleArn: "arn:aws:iam::123456789012:role/A" }, "inputs"),
      ).to.deep.equal({
        region: "eu-west-1",
        profile: "resource",
        roleArn: "arn:aws:iam::123456789012:role/A",
        sources: { profile: "the resource's `profile` input", roleArn: "the resource's `roleArn` input" },
      });
    });
  });
});
