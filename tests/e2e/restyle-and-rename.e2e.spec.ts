import { expect } from "chai";
import { KEYS, ORG_ID, operations, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";
import type { Declaration } from "../rawProject";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT } from "../../harness/engine";

const BOTH = ["RootCredentialsManagement", "RootSessions"];
const PER_FEATURE: Declaration[] = [
  { kind: "RootSessions", name: "root-sessions" },
  { kind: "RootCredentialsManagement", name: "root-credentials" },
];
const AUTHORITATIVE: Declaration[] = [{ kind: "OrganizationsFeatures", name: "root-access", args: { enabledFeatures: BOTH } }];

for (const face of FACES)
  describe(`changing style or names never switches a feature off (${face} face)`, function () {
    this.timeout(10 * 60_000);
    let fx: EmulatorFixture;
    let project: PulumiProject;
    const live = () => fx.emulator.state().organizations[0]!.enabledRootFeatures;

    beforeEach(async () => {
      fx = await startEmulator();
      project = await rawProject(fx, { key: KEYS.management, face });
    });
    afterEach(async () => {
      project.remove();
      await fx.close();
    });

    async function upAndKeepBoth(from: Declaration[], to: Declaration[]): Promise<string> {
      declare(project, from);
      await project.up();
      expect(live()).to.deep.equal(BOTH);
      declare(project, to);
      fx.emulator.clearCalls();
      const up = await project.up();
      expect(live(), "both features are still on").to.deep.equal(BOTH);
      expect(operations(fx.emulator, { mutatingOnly: true }), "no feature was switched").to.deep.equal([]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
      return flat(up.stdout);
    }

    it("restyles two per-feature resources into one OrganizationsFeatures in a single change", async () => {
      const out = await upAndKeepBoth(PER_FEATURE, AUTHORITATIVE);
      expect(out).to.include(
        `RootSessions: leaving RootSessions enabled in organization ${ORG_ID}, because OrganizationsFeatures now manages it`,
      );
    });

    it("restyles one OrganizationsFeatures into two per-feature resources in a single change", async () => {
      await upAndKeepBoth(AUTHORITATIVE, PER_FEATURE);
    });

    it("renames a resource without aliases", async () => {
      await upAndKeepBoth(PER_FEATURE, [{ ...PER_FEATURE[0]!, name: "sessions" }, PER_FEATURE[1]!]);
    });

    // Aliases of dynamic-resource URNs and a TypeScript program: the dynamic face only.
    if (face === "dynamic")
      it("renames a resource with aliases, with no create or delete at all", async () => {
        declare(project, PER_FEATURE);
        await project.up();
        declare(project, [{ ...PER_FEATURE[0]!, name: "sessions", opts: { aliases: ["root-sessions"] } }, PER_FEATURE[1]!]);
        fx.emulator.clearCalls();
        const preview = await project.preview();
        expect(preview.stdout).to.not.match(/to create|to delete/);
        await project.up();
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
        expect(live()).to.deep.equal(BOTH);
      });

    it("switches style with retainOnDelete on the old resources, the documented path", async () => {
      declare(project, PER_FEATURE);
      await project.up();
      declare(
        project,
        PER_FEATURE.map((d) => ({ ...d, opts: { retainOnDelete: true } })),
      );
      await project.up();
      declare(project, AUTHORITATIVE);
      fx.emulator.clearCalls();
      await project.up();
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
      expect(live()).to.deep.equal(BOTH);
      expect(await project.resources(":RootSessions")).to.deep.equal([]);
      expect((await project.preview(["--expect-no-changes"], true)).code).to.equal(0);
    });

    // Aliases of dynamic-resource URNs and a TypeScript program: the dynamic face only.
    if (face === "dynamic")
      it("prints a conflict found once settings resolve (outputs) once, cleanly: no inspection, colours or stack", async () => {
        const conflicted = await PulumiProject.create({
          program: join(REPO_ROOT, "tests", "programs", "conflict-from-output.ts"),
          env: project.env,
          stack: "conflict",
        });
        const preview = await conflicted.preview([], true);
        conflicted.remove();
        expect(preview.code).to.not.equal(0);
        const diagnostics = flat(preview.stdout.slice(preview.stdout.indexOf("Diagnostics:")));
        const sentence =
          'ConflictingDeclarationError: OrganizationsFeatures "features" and RootSessions "sessions" both manage RootSessions';
        expect(diagnostics.split(sentence).length - 1, preview.output).to.equal(1);
        // eslint-disable-next-line no-control-regex -- a raw colour escape is what must be absent
        expect(preview.output).to.not.match(/unhandled exception|Promise \{|\[Circular|\u001b\[|^\s+at /m);
      });

    it("refuses two resources managing the same feature in one program, naming both, before any AWS call", async () => {
      declare(project, [...PER_FEATURE, ...AUTHORITATIVE]);
      const preview = await project.preview([], true);
      expect(preview.code).to.not.equal(0);
      const out = flat(preview.stdout + preview.stderr);
      if (face === "dynamic") {
        expect(out).to.include(
          'OrganizationsFeatures "root-access" and RootCredentialsManagement "root-credentials" both manage RootCredentialsManagement',
        );
      } else {
        // The plugin learns of each resource in turn, so either of the pair can be the second one.
        expect(out).to.match(
          /ConflictingDeclarationError: (\w+) "[\w-]+" and (\w+) "[\w-]+" both manage (RootSessions|RootCredentialsManagement)/,
        );
        expect(out).to.include('OrganizationsFeatures "root-access"');
      }
      // The dynamic face refuses in the program, before any resource reaches the engine. The native provider
      // refuses in check, resource by resource: an up that previews first (the default) stops before any change.
      const up = await project.pulumi(["up", "--yes", ...(face === "dynamic" ? ["--skip-preview"] : [])], {
        allowFailure: true,
      });
      expect(up.code).to.not.equal(0);
      expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
      if (face === "dynamic") expect(fx.emulator.calls()).to.deep.equal([]);
      expect(up.output, "a mistake in the program is shown without a stack trace").to.not.match(/^\s+at /m);
    });
  });
