import { expect } from "chai";
import { KEYS, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

/** The stack's `aws:profile` and `aws:region` stand in for the `profile` and `region` inputs, and are checked as they are. */
for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("hostile stack configuration", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator();
        project = await rawProject(fx, { face, key: KEYS.management });
        declare(project, [{ kind: "RootSessions", name: "root-sessions" }]);
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      for (const [key, value] of [
        ["aws:profile", "ops\u001b[31m\u202Eevil"],
        ["aws:region", "us-east-1\u001b]0;pwned\u0007"],
      ] as const) {
        it(`refuses ${key} with control and bidi characters before any AWS call, escaped in the message`, async () => {
          project.setConfig(key, value);
          fx.emulator.clearCalls();
          const preview = await project.preview([], true);
          project.removeConfig(key);
          expect(preview.code).to.not.equal(0);
          expect(flat(preview.output)).to.include(
            `InvalidArgumentsError: Invalid arguments for the stack configuration, so nothing was called in AWS: ${key} must be`,
          );
          // eslint-disable-next-line no-control-regex -- the raw characters are what must be absent
          expect(preview.output, "no raw escape or bidi control").to.not.match(/[\u001b\u0007\u202e]/);
          expect(fx.emulator.calls()).to.deep.equal([]);
        });
      }
    });
  });
