/** The harness's environment for programs on the machine's Node: the AWS SDK's deprecation notice is silenced there. */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { programNode } from "../../harness/toolchain";

describe("the harness's environment on the machine's Node", () => {
  it("silences the AWS SDK's Node version notice in the processes it starts, with the value the SDK reads", () => {
    const script =
      "process.emitWarning = (w) => process.stdout.write(String(w)); " +
      "const { IAMClient } = require('@aws-sdk/client-iam'); new IAMClient({ region: 'us-east-1' }); " +
      "require('@aws-sdk/core/client').emitWarningIfUnsupportedVersion('v20.0.0');";
    const out = execFileSync(process.execPath, ["-e", script], {
      env: { PATH: process.env.PATH, ...programNode("machine").env },
      encoding: "utf8",
    });
    expect(out).to.equal("");
    const unsilenced = execFileSync(process.execPath, ["-e", script], { env: { PATH: process.env.PATH }, encoding: "utf8" });
    expect(unsilenced, "the probe itself sees the notice without the variable").to.contain("NodeVersionSupportWarning");
  });
});
