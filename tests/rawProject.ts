/**
 * End-to-end projects that run tests/programs/raw-args.ts: the resources a test declares are handed to the engine
 * as config, so one stack can be re-declared step by step (renamed, restyled, pointed at another profile).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiProject, REPO_ROOT, offlineEngineEnv, scratchDir } from "../harness/engine";
import { withNativePlugin } from "../harness/native";
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

/** Which face runs the declarations: the dynamic resources (a TypeScript program) or the native provider (YAML). */
export type Face = "dynamic" | "native";
export const FACES: readonly Face[] = ["dynamic", "native"];

/** Projects whose declarations are a YAML program of the native provider. */
const NATIVE = new WeakSet<PulumiProject>();

export interface RawProjectOptions {
  /** The dynamic resources by default. */
  face?: Face;
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
  const stack = options.stack ? { stack: options.stack } : {};
  const native = options.face === "native";
  const project = native
    ? await PulumiProject.create({ env: withNativePlugin(env), yaml: "resources: {}\n", ...stack })
    : await PulumiProject.create({ program: RAW_ARGS_PROGRAM, env, ...stack });
  if (native) NATIVE.add(project);
  writeProfiles(project, options.profiles ?? {});
  return project;
}

/** The type token a kind's resources have in the project's state. */
export function typeOf(project: PulumiProject, kind: string): string {
  return NATIVE.has(project) ? `aws-root-access:index:${kind}` : `pulumi-nodejs:dynamic/aws-root-access:${kind}`;
}

export function declare(project: PulumiProject, resources: Declaration[]): void {
  if (NATIVE.has(project)) project.setYaml(yamlProgram(resources));
  else project.setConfig("resources", JSON.stringify(resources.map((r) => ({ args: {}, ...r }))));
}

/**
 * The same declarations as a YAML program of the native provider (JSON values are YAML). `aliases`, which name
 * dynamic-resource URNs, have no YAML form here.
 */
function yamlProgram(resources: Declaration[]): string {
  const body: Record<string, unknown> = {};
  const outputs: Record<string, string> = {};
  for (const r of resources) {
    const { aliases, dependsOn, ...rest } = r.opts ?? {};
    if (aliases) throw new Error("the native face's YAML programs take no aliases of dynamic resources");
    const options = { ...rest, ...(dependsOn ? { dependsOn: dependsOn.map((d) => `\${${d}}`) } : {}) };
    body[r.name] = {
      type: `aws-root-access:index:${r.kind}`,
      properties: r.args ?? {},
      ...(Object.keys(options).length > 0 ? { options } : {}),
    };
    for (const o of r.exports ?? []) outputs[`${r.name}.${o}`] = `\${${r.name}.${o}}`;
  }
  return `resources: ${JSON.stringify(body)}\n${Object.keys(outputs).length > 0 ? `outputs: ${JSON.stringify(outputs)}\n` : ""}`;
}

/** CLI output with line wrapping undone, for matching whole sentences. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
