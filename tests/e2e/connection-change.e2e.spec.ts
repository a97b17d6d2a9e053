import { expect } from "chai";
import { KEYS, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject, writeProfiles } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("changing only a resource's connection settings", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: scenarioSeed() });
        project = await rawProject(fx, { face, profiles: { old: KEYS.management, new: KEYS.management } });
        declare(project, [{ kind: "RootSessions", name: "sessions", args: { profile: "old" } }]);
        await project.up();
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("previews an update that names the change and says no AWS change is made", async () => {
        declare(project, [{ kind: "RootSessions", name: "sessions", args: { profile: "new" } }]);
        const preview = await project.preview();
        expect(preview.stdout).to.match(/~ 1 to update/);
        expect(flat(preview.stdout)).to.include(
          'RootSessions: connection settings changed (profile "old" → "new"); the update records them and changes nothing in AWS',
        );
      });

      it("records the new settings on up with no mutating AWS call", async () => {
        fx.emulator.clearCalls();
        await project.up();
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
        const [resource] = await project.resources(":RootSessions");
        expect(resource!.outputs.profile).to.equal("new");
      });

      it("keeps refresh and destroy working once the old profile is gone", async () => {
        writeProfiles(project, { new: KEYS.management });
        await project.refresh();
        fx.emulator.clearCalls();
        await project.destroy();
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal(["DisableOrganizationsRootSessions"]);
      });
    });

    describe("a credential error names the profile it used and where that came from", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: scenarioSeed() });
        project = await rawProject(fx, { face, profiles: { management: KEYS.management } });
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("names a profile set on the resource", async () => {
        declare(project, [{ kind: "RootSessions", name: "sessions", args: { profile: "ghost" } }]);
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code).to.not.equal(0);
        expect(flat(up.stdout)).to.include(
          'no AWS credentials were found for profile "ghost" (from the resource\'s `profile` input)',
        );
      });

      it("names a profile from the stack config", async () => {
        declare(project, [{ kind: "RootSessions", name: "sessions" }]);
        project.setConfig("aws:profile", "phantom");
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code).to.not.equal(0);
        expect(flat(up.stdout)).to.include(
          'no AWS credentials were found for profile "phantom" (from the stack config `aws:profile`)',
        );
      });

      it("names the profile recorded in state when refresh uses it", async () => {
        project.removeConfig("aws:profile");
        declare(project, [{ kind: "RootSessions", name: "sessions", args: { profile: "management" } }]);
        await project.up();
        writeProfiles(project, {});
        const refresh = await project.pulumi(["refresh", "--yes"], { allowFailure: true });
        expect(refresh.code).to.not.equal(0);
        expect(flat(refresh.stdout)).to.include(
          'no AWS credentials were found for profile "management" (from the resource\'s state, recorded at the last update)',
        );
      });
    });
  });
