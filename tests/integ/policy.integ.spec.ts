import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { providerFor } from "../providers";
import { AssumeRootCommand } from "@aws-sdk/client-sts";
import { auditRootCredentials } from "../../provider/rootCredentials/audit";
import { findLockedResources } from "../../provider/breakGlass/findLocked";
import { unlockBucketPolicy, unlockQueuePolicy } from "../../provider/breakGlass/unlock";
import {
  DELEGATED_ADMIN,
  IAM_PRINCIPAL,
  MANAGEMENT,
  MEMBER,
  MEMBER_2,
  ORG_ID,
  SUSPENDED,
  lockedResourcesSeed,
  rootCredentialsSeed,
  scenarioSeed,
  startEmulator,
} from "../fixtures";
import { CallerIsNotManagementAccountError } from "../../provider/errors";
import type { EmulatorFixture } from "../fixtures";
import type { CallRecord } from "../../emulator";
import { newDeployment, muted, useEmulatorEnvironment } from "../integEnvironment";

interface Statement {
  Sid: string;
  Action: string[];
  Condition?: { StringEquals: Record<string, string[]> };
}
const policy = JSON.parse(readFileSync(join(__dirname, "..", "..", "policy", "least-privilege.json"), "utf8")) as {
  Version: string;
  Statement: Statement[];
};
const statementsOf = (...sids: string[]): Statement[] => policy.Statement.filter((s) => sids.includes(s.Sid));
const actionsOf = (...sids: string[]): string[] => [...new Set(statementsOf(...sids).flatMap((s) => s.Action))];
/** The root-task policies the statements' `sts:TaskPolicyArn` conditions allow, by name. */
const tasksOf = (...sids: string[]): string[] =>
  statementsOf(...sids).flatMap((s) =>
    (s.Condition?.StringEquals["sts:TaskPolicyArn"] ?? []).map((arn) => arn.split("/").pop()!),
  );

/** Runs a resource's lifecycle as a key allowed only the given statements, and returns the actions it used. */
function underPolicy(
  title: string,
  sids: string[],
  seedTweak: (seed: Record<string, unknown>) => void,
  lifecycle: (fx: EmulatorFixture) => Promise<void>,
  seedOf: () => Record<string, unknown> = scenarioSeed,
  deniedOnPurpose: (call: CallRecord) => boolean = () => false,
): void {
  describe(`${title}, allowed only ${sids.join(" + ")}`, () => {
    const key = "AKIAPOLICY0000000001";
    let fx: EmulatorFixture;
    before(async () => {
      const seed = seedOf();
      // The statements themselves, conditions included, as the key's only policy.
      (seed.accessKeys as Array<Record<string, unknown>>).push({
        accessKeyId: key,
        accountId: MANAGEMENT,
        policy: { Version: policy.Version, Statement: statementsOf(...sids) },
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
      expect(
        calls.filter((c) => (c.errorCode === "AccessDenied" || c.errorCode === "AccessDeniedException") && !deniedOnPurpose(c)),
      ).to.deep.equal([]);
      const used = new Set(calls.map((c) => `${c.service}:${c.operation}`));
      expect(
        actionsOf(...sids).filter((a) => !used.has(a)),
        "granted but never used",
      ).to.deep.equal([]);
      const tasks = new Set(calls.filter((c) => c.operation === "AssumeRoot").map((c) => c.taskPolicy));
      expect(
        tasksOf(...sids).filter((t) => !tasks.has(t)),
        "task policy granted but never used",
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
      // Nothing else depends on trusted access, so delete may turn it off (it checks, with the statement's reads).
      org(seed).delegatedAdministrators = [];
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

  underPolicy(
    "The audit and MemberRootCredentials (removal, recovery, a diagnosed failure)",
    ["RootCredentialsAudit", "RootCredentialsRemoval", "RootCredentialsAccounts"],
    () => undefined,
    async () => {
      const audit = await auditRootCredentials();
      expect(audit.summary.failed).to.equal(0);
      const p = providerFor("MemberRootCredentials");
      const created = await p.create({ accountId: MEMBER });
      await p.diff(MEMBER, created.outs, { accountId: MEMBER });
      await p.read(MEMBER, created.outs);
      await p.create({ accountId: MEMBER_2, remove: ["accessKeys"], allowPasswordRecovery: true });
      await p.delete(MEMBER, created.outs);
      // A suspended account: AssumeRoot is refused, and the diagnosis reads the features and the accounts.
      const err = await p.create({ accountId: SUSPENDED }).catch((e: unknown) => e as Error);
      expect((err as Error).message).to.contain("AccountNotActiveMemberError");
    },
    rootCredentialsSeed,
    (c) => c.operation === "AssumeRoot" && c.targetAccountId === SUSPENDED,
  );

  underPolicy(
    "The search for locked resources and the unlock of a bucket and a queue (and a diagnosed failure)",
    ["BreakGlassUnlock", "BreakGlassAccounts"],
    () => undefined,
    async () => {
      const report = await findLockedResources();
      expect(report.summary).to.deep.include({ failed: 0, locked: 3 });
      expect((await unlockBucketPolicy({ accountId: MEMBER, bucket: "member-locked-bucket" })).removed).to.equal(true);
      expect((await unlockQueuePolicy({ accountId: MEMBER, queue: "member-locked-queue" })).removed).to.equal(true);
      // A suspended account: AssumeRoot is refused, and the diagnosis reads the features and the accounts.
      const err = await unlockBucketPolicy({ accountId: SUSPENDED, bucket: "member-open-bucket" }).catch(
        (e: unknown) => e as Error,
      );
      expect((err as Error).name).to.equal("AccountNotActiveMemberError");
    },
    lockedResourcesSeed,
    (c) => c.operation === "AssumeRoot" && c.targetAccountId === SUSPENDED,
  );

  describe("OrganizationsFeatures through roleArn, the key allowed only sts:AssumeRole and the role only FeatureResources", () => {
    const key = "AKIAPOLICYROLEONLY01";
    const role = `arn:aws:iam::${MANAGEMENT}:role/RootAccessDeployer`;
    let fx: EmulatorFixture;
    before(async () => {
      const seed = scenarioSeed();
      (seed.accessKeys as Array<Record<string, unknown>>).push({
        accessKeyId: key,
        accountId: MANAGEMENT,
        allowedActions: ["sts:AssumeRole"],
      });
      seed.roles = [{ arn: role, policy: { Version: policy.Version, Statement: statementsOf("FeatureResources") } }];
      fx = await startEmulator({ seed });
    });
    after(async () => fx.close());
    useEmulatorEnvironment(
      () => fx,
      () => key,
    );

    it("completes its lifecycle with the role's permissions, and the key alone could not", async () => {
      const p = providerFor("OrganizationsFeatures");
      await muted(async () => {
        const created = await p.create({ enabledFeatures: ["RootSessions"], roleArn: role });
        await p.diff(ORG_ID, created.outs, { enabledFeatures: ["RootSessions"], roleArn: role });
        newDeployment();
        await p.delete(ORG_ID, created.outs);
      });
      const calls = fx.emulator.calls();
      expect(calls.filter((c) => c.errorCode === "AccessDenied")).to.deep.equal([]);
      expect(calls.map((c) => c.operation)).to.include.members([
        "AssumeRole",
        "EnableOrganizationsRootSessions",
        "DisableOrganizationsRootSessions",
      ]);
      const direct = await muted(() => p.create({ enabledFeatures: ["RootSessions"] })).catch((e: unknown) => e as Error);
      expect((direct as Error).message).to.contain("AccessDenied");
    });
  });

  describe("the sts:TaskPolicyArn conditions", () => {
    let fx: EmulatorFixture;
    before(async () => {
      const seed = rootCredentialsSeed();
      (seed.accessKeys as Array<Record<string, unknown>>).push({
        accessKeyId: "AKIAPOLICYAUDITONLY1",
        accountId: MANAGEMENT,
        policy: { Version: policy.Version, Statement: statementsOf("RootCredentialsAudit") },
      });
      fx = await startEmulator({ seed });
    });
    after(async () => fx.close());

    it("allow an audit statement's key no other root task", async () => {
      const { sts } = fx.clientsFor("AKIAPOLICYAUDITONLY1");
      const task = (name: string) => ({
        TargetPrincipal: MEMBER,
        TaskPolicyArn: { arn: `arn:aws:iam::aws:policy/root-task/${name}` },
      });
      expect((await sts.send(new AssumeRootCommand(task("IAMAuditRootUserCredentials")))).Credentials).to.not.equal(undefined);
      for (const other of ["IAMDeleteRootUserCredentials", "IAMCreateRootUserPassword", "S3UnlockBucketPolicy"]) {
        const err = await sts.send(new AssumeRootCommand(task(other))).catch((e: unknown) => e as Error);
        expect((err as Error).name, other).to.equal("AccessDenied");
      }
    });
  });
});
