/**
 * End-to-end projects that run tests/programs/raw-args.ts: the resources a test declares are handed to the engine
 * as config, so one stack can be re-declared step by step (renamed, restyled, pointed at another profile).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../harness/engine";
import type { EmulatorFixture } from "./fixtures";

export const RAW_ARGS_PROGRAM = join(REPO_ROOT, "tests", "programs", "raw-args.ts");

export interface Declaration {
  kind: string;
  name: string;
  args?: Record<string, unknown>;
  opts?: { aliases?: string[]; retainOnDelete?: boolean; dependsOn?: string[]; import?: string; id?: string };
  /** Outputs to export as stack outputs `<name>.<output>` (an output the resource lacks is exported as missing). */
  exports?: string[];
}

export interface RawProjectOptions {
  /** Access key the environment carries; none when only profiles should be found. */
  key?: string;
  /** Named profiles written to the shared credentials file: profile name → access key. */
  profiles?: Record<string, string>;
  stack?: string;
}

/** Writes the shared credentials file of a project's environment (replacing it), as a user edits ~/.aws/credentials. */
export function writeProfiles(project: PulumiProject, profiles: Record<string, string>): void {
  const text = Object.entries(profiles)
    .map(([name, key]) => `[${name}]\naws_access_key_id = ${key}\naws_secret_access_key = secret-of-${name}-profile\n`)
    .join("");
  writeFileSync(project.env.AWS_SHARED_CREDENTIALS_FILE!, text);
}

export async function rawProject(fx: EmulatorFixture, options: RawProjectOptions = {}): Promise<PulumiProject> {
  const credentials = options.key ? { accessKeyId: options.key, secretAccessKey: fx.credentials.secretAccessKey } : undefined;
  const env = offlineEngineEnv(scratchDir("e2e-raw"), { emulatorUrl: fx.emulator.url, ...(credentials ? { credentials } : {}) });
  const project = await PulumiProject.create({
    program: RAW_ARGS_PROGRAM,
    env,
    ...(options.stack ? { stack: options.stack } : {}),
  });
  writeProfiles(project, options.profiles ?? {});
  return project;
}

export function declare(project: PulumiProject, resources: Declaration[]): void {
  project.setConfig("resources", JSON.stringify(resources.map((r) => ({ args: {}, ...r }))));
}

/** CLI output with line wrapping undone, for matching whole sentences. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
