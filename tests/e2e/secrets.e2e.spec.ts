import { expect } from "chai";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, randomCredentials, scratchDir } from "../../harness/engine";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { withNativePlugin } from "../../harness/native";
import { KEYS, MANAGEMENT, RELIABILITY, scenarioSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const PROGRAM = join(REPO_ROOT, "tests", "programs", "raw-args.ts");

interface Source {
  title: string;
  /** Environment for the engine and the resource's extra arguments; returns the secrets it introduced. */
  setup(fx: EmulatorFixture, stateDir: string): Promise<SourceSetup> | SourceSetup;
}

interface SourceSetup {
  extraEnv: Record<string, string>;
  args: Record<string, unknown>;
  secrets: string[];
}

/** Temporary credentials (key ID, secret, session token) minted by the emulator, as a profile or SSO would hold them. */
async function temporaryCredentials(fx: EmulatorFixture) {
  const { Credentials } = await fx
    .clientsFor(KEYS.management)
    .sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MANAGEMENT}:role/OrganizationAdmin`, RoleSessionName: "sso" }));
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
  };
}

const SOURCES: Source[] = [
  {
    title: RELIABILITY.credentialSources[0],
    setup: (fx) => ({ extraEnv: {}, args: {}, secrets: [fx.credentials.accessKeyId, fx.credentials.secretAccessKey] }),
  },
  {
    title: RELIABILITY.credentialSources[1],
    setup: (_fx, stateDir) => {
      const c = randomCredentials();
      const file = join(stateDir, "profile-credentials");
      writeFileSync(file, `[management]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\n`);
      return {
        extraEnv: { AWS_SHARED_CREDENTIALS_FILE: file },
        args: { profile: "management" },
        secrets: [c.accessKeyId, c.secretAccessKey],
      };
    },
  },
  {
    title: RELIABILITY.credentialSources[2],
    setup: (fx) => ({
      extraEnv: {},
      args: { roleArn: `arn:aws:iam::${MANAGEMENT}:role/OrganizationAdmin` },
      secrets: [fx.credentials.accessKeyId, fx.credentials.secretAccessKey],
    }),
  },
  {
    title: RELIABILITY.credentialSources[3],
    setup: async (fx, stateDir) => {
      const c = await temporaryCredentials(fx);
      const file = join(stateDir, "profile-credentials");
      writeFileSync(
        file,
        `[session]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`,
      );
      return {
        extraEnv: { AWS_SHARED_CREDENTIALS_FILE: file },
        args: { profile: "session" },
        secrets: [c.accessKeyId, c.secretAccessKey, c.sessionToken],
      };
    },
  },
  {
    title: RELIABILITY.credentialSources[4],
    setup: async (fx, stateDir) => {
      const c = await temporaryCredentials(fx);
      const script = join(stateDir, "sso-like.js");
      const answer = { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken };
      writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify(answer))});`);
      const config = join(stateDir, "sso-like-config");
      writeFileSync(config, `[profile sso-like]\ncredential_process = ${process.execPath} ${script}\n`);
      return {
        extraEnv: { AWS_CONFIG_FILE: config },
        args: { profile: "sso-like" },
        secrets: [c.accessKeyId, c.secretAccessKey, c.sessionToken],
      };
    },
  },
];

/** The two faces: the dynamic resources (a TypeScript program), and the native provider (a YAML program). */
const FACES = [
  {
    title: "dynamic resources",
    /** What the export must hold, so the search for secrets is known to look at the resources. */
    marker: "__provider",
    async declare(env: NodeJS.ProcessEnv, args: Record<string, unknown>): Promise<PulumiProject> {
      const project = await PulumiProject.create({ program: PROGRAM, env });
      project.setConfig("resources", JSON.stringify([{ kind: "OrganizationsFeatures", name: "root-access", args }]));
      return project;
    },
  },
  {
    title: "native provider",
    marker: "aws-root-access:index:OrganizationsFeatures",
    declare: (env: NodeJS.ProcessEnv, args: Record<string, unknown>): Promise<PulumiProject> =>
      PulumiProject.create({
        env: withNativePlugin(env),
        yaml: `resources:\n  root-access:\n    type: aws-root-access:index:OrganizationsFeatures\n    properties: ${JSON.stringify(args)}\n`,
      }),
  },
];

describe("no credential reaches state, the serialized provider, CLI output or error messages", function () {
  this.timeout(10 * 60_000);

  for (const face of FACES)
    for (const source of SOURCES) {
      describe(`with credentials from ${source.title}, through the ${face.title}`, () => {
        let fx: EmulatorFixture;
        let project: PulumiProject;
        let secrets: string[];
        const outputs: string[] = [];

        before(async () => {
          fx = await startEmulator({ seed: scenarioSeed() });
          const stateDir = scratchDir("e2e-secrets");
          const s = await source.setup(fx, stateDir);
          secrets = s.secrets;
          // A profile source must not also find keys in the environment.
          const credentials = Object.keys(s.extraEnv).length ? undefined : fx.credentials;
          const env = offlineEngineEnv(stateDir, {
            emulatorUrl: fx.emulator.url,
            ...(credentials ? { credentials } : {}),
            extra: s.extraEnv,
          });
          const args = { enabledFeatures: ["RootCredentialsManagement", "RootSessions"], ...s.args };
          project = await face.declare(env, args);
        });
        after(async () => {
          project?.remove();
          await fx?.close();
        });

        it("runs up, preview, refresh and a failing preview, recording every output", async () => {
          outputs.push((await project.up()).output, (await project.preview()).output, (await project.refresh()).output);
          // An AWS error whose text reaches the user: more 500s than the SDK retries.
          fx.emulator.setFaults({ rules: [{ kind: "serverError", count: 40, operations: ["ListOrganizationsFeatures"] }] });
          const failing = await project.preview([], true);
          fx.emulator.setFaults({ rules: [] });
          expect(failing.code).to.not.equal(0);
          expect(failing.stdout).to.include("AWS answered ServiceFailure");
          outputs.push(failing.output);
        });

        it("finds none of the credential strings anywhere", async () => {
          const all = [...secrets, ...fx.emulator.mintedCredentials()];
          expect(all.every((s) => s.length >= 16)).to.equal(true);
          if (source.title === RELIABILITY.credentialSources[2])
            expect(fx.emulator.mintedCredentials(), "the role was really assumed").to.have.length.greaterThan(0);
          const exported = await project.exportStack();
          expect(exported).to.include(face.marker);
          for (const secret of all) {
            expect(exported.includes(secret), "stack export").to.equal(false);
            for (const out of outputs) expect(out.includes(secret), "CLI output").to.equal(false);
          }
          expect(all.every((s) => s.length >= 16)).to.equal(true);
        });
      });
    }
});
