import { expect } from "chai";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, workDir } from "../../harness/engine";
import { KEYS, MEMBER, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject } from "../rawProject";

const EVERY_KIND = [
  { kind: "RootSessions", name: "sessions" },
  { kind: "IamTrustedAccess", name: "trusted-access" },
  { kind: "IamDelegatedAdministrator", name: "admin", args: { accountId: MEMBER } },
];

/** The organization is deleted: its accounts stay, in no organization, and the same keys still sign. */
function deleteOrganization(fx: EmulatorFixture): void {
  const state = fx.emulator.state();
  state.organizations = [];
  for (const account of state.accounts) delete account.organizationId;
  fx.emulator.setState(state);
}

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    describe("an organization that no longer exists", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      const projects: PulumiProject[] = [];

      before(async () => {
        const seed = scenarioSeed();
        (seed.organizations as Array<Record<string, unknown>>)[0]!.delegatedAdministrators = [];
        fx = await startEmulator({ seed });
        for (const stack of ["refreshed", "destroyed"]) {
          const project = await rawProject(fx, { face, key: KEYS.management, stack });
          declare(
            project,
            EVERY_KIND.map((d) => ({ ...d, name: `${d.name}-${stack}` })),
          );
          projects.push(project);
        }
        await projects[0]!.up();
        await projects[1]!.up();
        deleteOrganization(fx);
      });
      after(async () => {
        for (const p of projects) p.remove();
        await fx?.close();
      });

      it("is dropped from state by refresh, which says why and how to undo it", async () => {
        const refresh = await projects[0]!.refresh();
        const out = flat(refresh.stdout);
        expect(out).to.match(/3 deleted/);
        expect(out).to.include(
          `the credentials (account 111111111111) reach no AWS Organization, so organization ${ORG_ID} is gone or these are not its credentials`,
        );
        // Only the native provider's own provider resource may stay: it holds no organization.
        expect(await projects[0]!.resources("")).to.satisfy((rs: Array<{ type: string }>) =>
          rs.every((r) => !r.type.includes("aws-root-access") || r.type === "pulumi:providers:aws-root-access"),
        );
      });

      it("is destroyed successfully with nothing to undo, saying why", async () => {
        fx.emulator.clearCalls();
        const destroy = await projects[1]!.destroy();
        expect(flat(destroy.stdout)).to.include("reach no AWS Organization");
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
      });
    });

    describe("what the provider prints", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        fx = await startEmulator({ seed: scenarioSeed() });
        project = await rawProject(fx, { face, profiles: { management: KEYS.management, member: KEYS.member } });
        project.setConfig("aws:profile", "management");
        declare(project, [{ kind: "OrganizationsFeatures", name: "features", args: { enabledFeatures: ["RootSessions"] } }]);
        await project.up();
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      it("calls a declared change a change of the declaration, not drift", async () => {
        declare(project, [
          {
            kind: "OrganizationsFeatures",
            name: "features",
            args: { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] },
          },
        ]);
        const out = flat((await project.preview()).stdout);
        expect(out).to.include(
          `OrganizationsFeatures in organization ${ORG_ID}: the declaration changed from [RootSessions] to ` +
            "[RootCredentialsManagement, RootSessions]; `pulumi up` will enable RootCredentialsManagement.",
        );
        expect(out).to.not.include("drift");
      });

      it("prints a typed error once, with its name and no stack trace", async () => {
        project.setConfig("aws:profile", "member");
        const preview = await project.preview([], true);
        expect(preview.code).to.not.equal(0);
        // The engine shows an error in its progress line and once more in the Diagnostics summary; nothing else may.
        const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
        const sentence = "these credentials belong to a member account";
        expect(diagnostics.split(sentence).length - 1, preview.output).to.equal(1);
        expect(preview.output.split(sentence).length - 1, preview.output).to.equal(2);
        expect(flat(diagnostics)).to.include(
          "error: AccountNotManagementOrDelegatedAdministratorError: Cannot compare OrganizationsFeatures",
        );
        expect(preview.output).to.not.match(/^\s+at .*:\d+:\d+\)?$/m);
        expect(preview.output).to.not.include("[object Object]");
        project.setConfig("aws:profile", "management");
      });
    });

    describe("reading an organization without managing it, and importing it", function () {
      this.timeout(10 * 60_000);
      let fx: EmulatorFixture;
      let project: PulumiProject;

      before(async () => {
        const seed = scenarioSeed({ enabledRootFeatures: ["RootSessions"] });
        fx = await startEmulator({ seed });
        project = await rawProject(fx, { face, key: KEYS.management });
      });
      after(async () => {
        project?.remove();
        await fx?.close();
      });

      // A TypeScript program (the static get): the dynamic face only.
      if (face === "dynamic")
        it("reads the live features with the static get", async () => {
          const programDir = workDir("get");
          const program = join(programDir, "get.ts");
          writeFileSync(
            program,
            `import { OrganizationsFeatures, RootSessions } from "pulumi-aws-root-access";\n` +
              `export const sessions = RootSessions.get("current-sessions", "${ORG_ID}").enabledFeatures;\n` +
              `export const all = OrganizationsFeatures.get("current", "${ORG_ID}").enabledFeatures;\n`,
          );
          const reader = await PulumiProject.create({ program, env: project.env, stack: "get" });
          try {
            await reader.up();
            expect(await reader.outputs()).to.deep.equal({ sessions: ["RootSessions"], all: ["RootSessions"] });
            expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
          } finally {
            reader.remove();
            rmSync(programDir, { recursive: true, force: true });
          }
        });

      // The import resource option: the dynamic face; the native provider has `pulumi import` (native-import spec).
      if (face === "dynamic")
        it("previews an import as a create and says it is an import by adoption", async () => {
          declare(project, [{ kind: "RootSessions", name: "sessions", opts: { import: ORG_ID } }]);
          const preview = await project.preview();
          expect(preview.stdout).to.match(/\+ +pulumi-nodejs:dynamic\/aws-root-access:RootSessions sessions create/);
          const up = await project.up();
          expect(flat(up.stdout)).to.include(
            `RootSessions: imported organization ${ORG_ID} by adoption (the live state matches the declaration; nothing was changed)`,
          );
          expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
        });
    });
  });
