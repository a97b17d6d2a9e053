import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { providerFor } from "../providers";
import { DELEGATED_ADMIN, IAM_PRINCIPAL, MANAGEMENT, MEMBER, ORG_ID, scenarioSeed, startEmulator } from "../fixtures";
import { CallerIsNotManagementAccountError } from "../../provider/errors";
import type { EmulatorFixture } from "../fixtures";
import { newDeployment, muted, useEmulatorEnvironment } from "../integEnvironment";

interface Statement {
  Sid: string;
  Action: string[];
}
const policy = JSON.parse(readFileSync(join(__dirname, "..", "..", "policy", "least-privilege.json"), "utf8")) as {
  Statement: Statement[];
};
const actionsOf = (...sids: string[]): string[] => [
  ...new Set(policy.Statement.filter((s) => sids.includes(s.Sid)).flatMap((s) => s.Action)),
];

/** Runs a resource's lifecycle as a key allowed only the given statements, and returns the actions it used. */
function underPolicy(
  title: string,
  sids: string[],
  seedTweak: (seed: Record<string, unknown>) => void,
  lifecycle: (fx: EmulatorFixture) => Promise<void>,
): void {
  describe(`${title}, allowed only ${sids.join(" + ")}`, () => {
    const key = "AKIAPOLICY0000000001";
    let fx: EmulatorFixture;
    before(async () => {
      const seed = scenarioSeed();
      (seed.accessKeys as Array<Record<string, unknown>>).push({
        accessKeyId: key,
        accountId: MANAGEMENT,
        allowedActions: actionsOf(...sids),
      });
      seedTweak(seed);
      fx = await startEmulator({ seed });
    });
    after(async () => fx.close());
    useEmulatorEnvironment(
      () => fx,
      () => key,
    );

    it("completes its whole lifecycle without AccessDenied, and uses every action the statements grant", async () => {
      await muted(() => lifecycle(fx));
      const calls = fx.emulator.calls();
      expect(calls.filter((c) => c.errorCode === "AccessDenied" || c.errorCode === "AccessDeniedException")).to.deep.equal([]);
      const used = new Set(calls.map((c) => `${c.service}:${c.operation}`));
      expect(
        actionsOf(...sids).filter((a) => !used.has(a)),
        "granted but never used",
      ).to.deep.equal([]);
    });
  });
}

const org = (s: Record<string, unknown>) => (s.organizations as Array<Record<string, unknown>>)[0]!;

describe("the shipped least-privilege policy", () => {
  underPolicy(
    "OrganizationsFeatures, created while trusted access is still propagating",
    ["FeatureResources", "FeatureResourcesDiagnosisOnFailure"],
    (seed) => {
      seed.faults = { propagationDelayMs: 1500 };
      const actions = actionsOf("FeatureResources", "FeatureResourcesDiagnosisOnFailure");
      (seed.accessKeys as Array<Record<string, unknown>>).push({
        accessKeyId: "AKIAPOLICYADMIN00001",
        accountId: DELEGATED_ADMIN,
        allowedActions: actions,
      });
    },
    async (fx) => {
      // Trusted access was just enabled: IAM lags behind, the diagnosis confirms it is on, and create waits.
      await fx
        .clientsFor("AKIAMANAGEMENT000001")
        .organizations.send(
          new (await import("@aws-sdk/client-organizations")).DisableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }),
        );
      await fx
        .clientsFor("AKIAMANAGEMENT000001")
        .organizations.send(
          new (await import("@aws-sdk/client-organizations")).EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }),
        );
      const p = providerFor("OrganizationsFeatures");
      const created = await p.create({ enabledFeatures: ["RootSessions"] });
      await p.diff(ORG_ID, created.outs, { enabledFeatures: ["RootSessions"] });
      await p.read(ORG_ID, created.outs);
      const both = await p.update(ORG_ID, created.outs, { enabledFeatures: ["RootSessions", "RootCredentialsManagement"] });
      const one = await p.update(ORG_ID, both.outs!, { enabledFeatures: ["RootCredentialsManagement"] });
      newDeployment();
      await p.delete(ORG_ID, one.outs!);
      // The delegated administrator may not switch features; the diagnosis names the management account.
      const own = process.env.AWS_ACCESS_KEY_ID;
      process.env.AWS_ACCESS_KEY_ID = "AKIAPOLICYADMIN00001";
      const err = await providerFor("RootSessions")
        .create({})
        .catch((e: unknown) => e)
        .finally(() => (process.env.AWS_ACCESS_KEY_ID = own));
      expect(err).to.be.instanceOf(CallerIsNotManagementAccountError);
      expect((err as Error).message).to.match(new RegExp(`The management account of ${ORG_ID} is ${MANAGEMENT}\\.$`));
    },
  );

  underPolicy(
    "IamTrustedAccess, with disableOnDelete",
    ["IamTrustedAccess"],
    (seed) => {
      org(seed).trustedServices = [];
    },
    async () => {
      const p = providerFor("IamTrustedAccess");
      const created = await p.create({ disableOnDelete: true });
      await p.diff(created.id, created.outs, { disableOnDelete: true });
      await p.read(created.id, created.outs);
      await p.update(created.id, created.outs, { disableOnDelete: true });
      newDeployment();
      await p.delete(created.id, created.outs);
    },
  );

  underPolicy(
    "IamDelegatedAdministrator, moved to another account",
    ["IamDelegatedAdministrator"],
    (seed) => {
      org(seed).delegatedAdministrators = [];
    },
    async () => {
      const p = providerFor("IamDelegatedAdministrator");
      const created = await p.create({ accountId: MEMBER });
      await p.diff(created.id, created.outs, { accountId: MEMBER });
      await p.read(created.id, created.outs);
      const moved = await p.update(created.id, created.outs, { accountId: "333333333333" });
      newDeployment();
      await p.delete(moved.outs!.organizationId as string, moved.outs!);
    },
  );
});
