import { expect } from "chai";
import { readStackSettings, resolveConnection, stackLayer } from "../../../provider/aws";
import type { SettingsLayer } from "../../../provider/aws";

describe("resolveConnection: one resolver for every face", () => {
  const own = (values: SettingsLayer["values"]): SettingsLayer => ({ values, source: (k) => `the component's \`${k}\` input` });
  const stack = stackLayer(readStackSettings({ get: (k) => ({ "aws:region": "eu-west-1", "aws:profile": "stack" })[k] }));

  it("takes each key from the first layer that sets it, and says where profile and roleArn came from", () => {
    expect(resolveConnection([own({ roleArn: "arn:aws:iam::123456789012:role/A" }), stack])).to.deep.equal({
      region: "eu-west-1",
      profile: "stack",
      roleArn: "arn:aws:iam::123456789012:role/A",
      sources: { profile: "the stack config `aws:profile`", roleArn: "the component's `roleArn` input" },
    });
  });

  it("passes over empty, unknown-typed and foreign values, leaving unset keys to the SDK's chain", () => {
    expect(resolveConnection([own({ region: "", profile: 7 as unknown as string }), stackLayer({})])).to.deep.equal({
      sources: {},
    });
    expect(resolveConnection([{ values: { accounts: "all" } as never, source: () => "x" }])).to.deep.equal({ sources: {} });
  });

  it("reads only aws:region and aws:profile from the stack", () => {
    const config: Record<string, string> = { "aws:region": "us-west-2", "aws:roleArn": "arn:x", "aws:secretKey": "s" };
    expect(readStackSettings({ get: (k) => config[k] })).to.deep.equal({ region: "us-west-2" });
  });
});
