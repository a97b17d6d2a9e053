import { expect } from "chai";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";
import { FACES, declare, flat, rawProject, typeOf } from "../rawProject";
import type { Declaration } from "../rawProject";
import type { PulumiProject } from "../../harness/engine";
import { MAX_ATTEMPTS } from "../../provider/aws";

/**
 * A renamed resource whose old delete runs in a later `pulumi up` than the create of its successor: after a
 * `--target` of the new resource, or as the retry of a delete that failed. The successor is then unchanged, yet
 * the delete must still leave alone what it declares.
 */
interface Item {
  title: string;
  old: Declaration;
  renamed: Declaration;
  /** Whether the item is still present in the emulator. */
  present: (fx: EmulatorFixture) => boolean;
  /** The operation a wrong delete would make. */
  undo: string;
  /** The first read of the old resource's delete, which the retry scenario makes fail. */
  deleteRead: string;
}

const ITEMS: Item[] = [
  {
    title: "a feature",
    old: { kind: "RootSessions", name: "root-sessions" },
    renamed: { kind: "RootSessions", name: "sessions" },
    present: (fx) => fx.emulator.state().organizations[0]!.enabledRootFeatures.includes("RootSessions"),
    undo: "DisableOrganizationsRootSessions",
    deleteRead: "ListOrganizationsFeatures",
  },
  {
    title: "IAM trusted access (disableOnDelete)",
    old: { kind: "IamTrustedAccess", name: "trusted", args: { disableOnDelete: true } },
    renamed: { kind: "IamTrustedAccess", name: "iam-trusted", args: { disableOnDelete: true } },
    present: (fx) => fx.emulator.state().organizations[0]!.trustedServices[IAM_PRINCIPAL] !== undefined,
    undo: "DisableAWSServiceAccess",
    deleteRead: "ListAWSServiceAccessForOrganization",
  },
  {
    title: "the IAM delegated administrator",
    old: { kind: "IamDelegatedAdministrator", name: "security", args: { accountId: DELEGATED_ADMIN } },
    renamed: { kind: "IamDelegatedAdministrator", name: "security-admin", args: { accountId: DELEGATED_ADMIN } },
    present: (fx) => fx.emulator.state().organizations[0]!.delegatedAdministrators.some((d) => d.accountId === DELEGATED_ADMIN),
    undo: "DeregisterDelegatedAdministrator",
    deleteRead: "ListDelegatedAdministrators",
  },
];

const urnOf = (project: PulumiProject, d: Declaration): string =>
  `urn:pulumi:${project.stack}::root-access::${typeOf(project, d.kind)}::${d.name}`;

/** The resources in state declared as `d` (0 or 1). */
const inState = async (project: PulumiProject, d: Declaration) =>
  (await project.resources(`:${d.kind}`)).filter((r) => r.urn === urnOf(project, d));

for (const face of FACES)
  describe(`through the ${face} face`, function () {
    for (const item of ITEMS) {
      describe(`a delete in a later up never undoes what the program still declares: ${item.title}`, function () {
        this.timeout(10 * 60_000);
        let fx: EmulatorFixture;
        let project: PulumiProject;

        beforeEach(async () => {
          fx = await startEmulator({ seed: scenarioSeed({ enabledRootFeatures: [] }) });
          project = await rawProject(fx, { face, key: KEYS.management });
          declare(project, [item.old]);
          await project.up();
          expect(item.present(fx)).to.equal(true);
          declare(project, [item.renamed]);
        });
        afterEach(async () => {
          project.remove();
          await fx.close();
        });

        async function expectLeftInPlace(): Promise<void> {
          fx.emulator.clearCalls();
          const up = await project.up();
          expect(operations(fx.emulator, { mutatingOnly: true }), flat(up.output)).to.not.include(item.undo);
          expect(item.present(fx), "still present after the delete").to.equal(true);
          expect(flat(up.stdout)).to.include(`in organization ${ORG_ID}, because ${item.renamed.kind} now manages it`);
          expect(await inState(project, item.old), "the old resource left the stack").to.deep.equal([]);
          expect((await project.preview(["--expect-no-changes"], true)).code, "no drift afterwards").to.equal(0);
        }

        it("after `pulumi up --target <new URN>`, a plain `pulumi up` deletes the old resource and leaves the item in place", async () => {
          await project.up(["--target", urnOf(project, item.renamed)]);
          expect(await inState(project, item.old), "the old resource is still in the stack").to.have.length(1);
          await expectLeftInPlace();
        });

        it("when the delete failed on a transient error, the retrying `pulumi up` leaves the item in place", async () => {
          // The create reads first; then every attempt of the delete's read fails, so the first up fails in the delete.
          fx.emulator.setFaults({
            rules: [{ kind: "serverError", count: MAX_ATTEMPTS * 4, operations: [item.deleteRead], after: 1 }],
          });
          const first = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
          expect(first.code, flat(first.output)).to.not.equal(0);
          expect(await inState(project, item.old), "the failed delete kept the old resource").to.have.length(1);
          fx.emulator.setFaults({ rules: [] });
          await expectLeftInPlace();
        });
      });
    }
  });
