import { expect } from "chai";
import { PulumiProject, offlineEngineEnv, scratchDir } from "../../harness/engine";
import { KEYS, ORG_ID, operations, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const cases = [
  {
    title: "credentials of an account outside any organization",
    seed: scenarioSeed(),
    key: KEYS.standalone,
    message: "Cannot create OrganizationsFeatures: the AWS account behind these credentials is not in an AWS Organization.",
  },
  {
    title: "an organization in consolidated-billing mode",
    seed: scenarioSeed({ featureSet: "CONSOLIDATED_BILLING" }),
    key: KEYS.management,
    message: `Cannot create OrganizationsFeatures: organization ${ORG_ID} uses consolidated billing only, and centralized root access needs all features.`,
  },
  {
    title: "IAM trusted access switched off",
    seed: scenarioSeed({ trustedServices: [] }),
    key: KEYS.management,
    message:
      `Cannot create OrganizationsFeatures: trusted access for IAM is not enabled in AWS Organizations (organization ${ORG_ID}). Fix: declare ` +
      "`IamTrustedAccess` (or use `CentralizedRootAccess`) in the program, or run " +
      "`aws organizations enable-aws-service-access --service-principal iam.amazonaws.com` from the management account",
  },
  {
    title: "credentials of a member account",
    seed: scenarioSeed(),
    key: KEYS.member,
    message:
      `Cannot create OrganizationsFeatures: these credentials belong to a member account (organization ${ORG_ID}) that is ` +
      "neither the management account nor the IAM delegated administrator.",
  },
];

describe("a missing prerequisite through the real Pulumi CLI", function () {
  this.timeout(10 * 60_000);
  for (const c of cases) {
    describe(c.title, () => {
      let fx: EmulatorFixture;
      let project: PulumiProject;
      before(async () => {
        fx = await startEmulator({ seed: c.seed });
        const credentials = { accessKeyId: c.key, secretAccessKey: fx.credentials.secretAccessKey };
        project = await PulumiProject.create({
          env: offlineEngineEnv(scratchDir("e2e-prereq"), { emulatorUrl: fx.emulator.url, credentials }),
        });
      });
      after(async () => {
        project.remove();
        await fx.close();
      });

      it("fails up with the package's message and its fix", async () => {
        const up = await project.pulumi(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(up.code).to.not.equal(0);
        expect(up.stdout.replace(/\s+/g, " ")).to.include(c.message);
        if (c.key === KEYS.member) expect(up.stdout).to.include(`The management account of ${ORG_ID} is 111111111111.`);
      });

      it("leaves state and AWS consistent: no resource recorded, nothing changed", async () => {
        expect(await project.resources(":OrganizationsFeatures")).to.deep.equal([]);
        expect(operations(fx.emulator, { mutatingOnly: true })).to.deep.equal([]);
        expect(fx.emulator.state().organizations.find((o) => o.id === ORG_ID)!.enabledRootFeatures).to.deep.equal([]);
      });
    });
  }
});
