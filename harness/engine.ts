/**
 * The real Pulumi engine, offline: one place that says how the CLI is found and configured, used by the e2e
 * tests, the demo and the benchmarks. Every run gets its own file backend, PULUMI_HOME and project directory,
 * so runs never share state and can go in parallel.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { compiledProgram } from "./programs";
import { programNode } from "./toolchain";

export const REPO_ROOT = resolve(__dirname, "..");
/** Scratch projects live inside the repository (ignored by git) so Node resolves its node_modules from them. */
export const WORK_ROOT = join(REPO_ROOT, ".work");
export const EXAMPLE_PROGRAM = join(REPO_ROOT, "examples", "root-access", "index.ts");

let binDir: string | undefined;

/** Directory holding `pulumi`, the Node.js language host and the dynamic-provider launcher (built once, cached). */
export function pulumiBinDir(): string {
  if (!binDir) {
    const out = execFileSync("bash", [join(REPO_ROOT, "scripts", "setup-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    binDir = out.trim().split("\n").pop()!;
  }
  return binDir;
}

/** Test credentials: random, so a test can prove they never reach state or output. */
export interface FakeCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function randomCredentials(): FakeCredentials {
  const upper = (n: number): string => Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[b % 32]).join("");
  return { accessKeyId: `AKIA${upper(16)}`, secretAccessKey: randomBytes(30).toString("base64") };
}

export interface EngineEnvOptions {
  emulatorUrl?: string;
  credentials?: FakeCredentials;
  /** Extra variables, e.g. AWS_PROFILE. */
  extra?: Record<string, string>;
  /** Which Node runs the programs and the provider host: the cached Node 24 when there is one (default), or the machine's. */
  node?: "24" | "machine";
}

/**
 * The environment for one offline engine run: file backend and PULUMI_HOME in `stateDir`, no update checks, no
 * plugin downloads, a passphrase secrets provider, no prompts, and AWS pointed at the emulator with the given keys.
 * The machine's own AWS config files are masked so a developer's profile cannot leak into a test.
 */
export function offlineEngineEnv(stateDir: string, options: EngineEnvOptions = {}): NodeJS.ProcessEnv {
  const backend = join(stateDir, "backend");
  const home = join(stateDir, "home");
  mkdirSync(backend, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("AWS_") && !k.startsWith("PULUMI_")) env[k] = v;
  }
  const node = programNode(options.node);
  Object.assign(env, node.env, {
    PATH: [pulumiBinDir(), ...(node.binDir ? [node.binDir] : []), process.env.PATH ?? ""].join(":"),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_HOME: home,
    PULUMI_CONFIG_PASSPHRASE: "offline-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    // The programs are type-checked by `npm run typecheck`; checking them again on every run only costs time.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    // A file backend keeps a stack's checkpoint here, which the harness reads instead of running `stack export`.
    PULUMI_AWS_ROOT_ACCESS_BACKEND_DIR: backend,
    AWS_CONFIG_FILE: join(stateDir, "aws-config-absent"),
    AWS_SHARED_CREDENTIALS_FILE: join(stateDir, "aws-credentials-absent"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_REGION: "us-east-1",
  });
  if (options.emulatorUrl) {
    env.AWS_ENDPOINT_URL_IAM = options.emulatorUrl;
    env.AWS_ENDPOINT_URL_ORGANIZATIONS = options.emulatorUrl;
    env.AWS_ENDPOINT_URL_STS = options.emulatorUrl;
    env.AWS_ENDPOINT_URL_S3 = options.emulatorUrl;
    env.AWS_ENDPOINT_URL_SQS = options.emulatorUrl;
  }
  if (options.credentials) {
    env.AWS_ACCESS_KEY_ID = options.credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = options.credentials.secretAccessKey;
  }
  Object.assign(env, options.extra ?? {});
  return env;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in arrival order. */
  output: string;
}

export class CommandTimeoutError extends Error {}

/** Runs a command with a hard time limit, so no test or demo can hang on a stuck engine. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 5 * 60_000,
): Promise<RunResult> {
  const started = Date.now();
  const caller = process.env.PULUMI_AWS_ROOT_ACCESS_RUN_LOG ? callerStack() : "";
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      output += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
      output += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new CommandTimeoutError(`${command} ${args.join(" ")} did not finish in ${timeoutMs / 1000}s:\n${output}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      logRun(command, args, started, caller);
      resolvePromise({ code: code ?? -1, stdout, stderr, output });
    });
  });
}

function callerStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  return stack;
}

/** With PULUMI_AWS_ROOT_ACCESS_RUN_LOG set, one JSON line per command: which spec ran it, what, and how long. */
function logRun(command: string, args: string[], started: number, caller: string): void {
  const log = process.env.PULUMI_AWS_ROOT_ACCESS_RUN_LOG;
  if (!log) return;
  const spec = /tests\/[\w/.-]+\.spec\.ts/.exec(caller)?.[0] ?? "";
  const line = { spec, command: basename(command), verb: args.slice(0, 2).join(" "), ms: Date.now() - started };
  appendFileSync(log, `${JSON.stringify(line)}\n`);
}

export class PulumiCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: RunResult,
  ) {
    super(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output}`);
  }
}

export interface ProjectOptions {
  /** Program entry point; the example program by default. */
  program?: string;
  /** Directory for the project; a fresh one under .work/ by default. */
  dir?: string;
  name?: string;
  stack?: string;
  env: NodeJS.ProcessEnv;
  /**
   * Run a TypeScript program through Pulumi's TypeScript support (ts-node), as a user's `index.ts` runs. Off by
   * default: the harness transpiles test programs to JavaScript once, which saves a second of every engine run.
   */
  typescript?: boolean;
  /** A YAML program (its `resources:`, `outputs:` …), run by the YAML language host instead of a Node.js program. */
  yaml?: string;
  /** The rest of Pulumi.yaml after `name:` (its `runtime:` and `main:`), for a program in another language. */
  projectYaml?: string;
  /**
   * A program that runs `up`, `preview`, `refresh` and `destroy` for this project in place of the CLI, taking the
   * CLI's arguments: an Automation API program that serves its Pulumi program inline.
   */
  operationsBy?: string;
}

/** The CLI commands an `operationsBy` program runs. */
const OPERATIONS = new Set(["up", "preview", "refresh", "destroy"]);

interface Checkpoint {
  checkpoint?: { latest?: { resources?: StateResource[] } };
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Where the program declared the resource (`project:///…#line,column`), as the engine recorded it. */
  sourcePosition?: string;
}

/** A Pulumi project and stack in a scratch directory, driven through the CLI as a user would. */
export class PulumiProject {
  readonly dir: string;
  readonly stack: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly name: string;
  private readonly config: Record<string, string> = {};

  private constructor(
    dir: string,
    name: string,
    stack: string,
    env: NodeJS.ProcessEnv,
    private readonly operationsBy?: string,
  ) {
    this.dir = dir;
    this.name = name;
    this.stack = stack;
    this.env = env;
  }

  static async create(options: ProjectOptions): Promise<PulumiProject> {
    const dir = options.dir ?? workDir("project");
    if (options.yaml !== undefined) return PulumiProject.createYaml(dir, options, options.yaml);
    if (options.projectYaml !== undefined) return PulumiProject.createOther(dir, options, options.projectYaml);
    const source = options.program ?? EXAMPLE_PROGRAM;
    const typescript = source.endsWith(".ts") && options.typescript === true;
    const program = source.endsWith(".ts") && !typescript ? compiledProgram(source) : source;
    const name = options.name ?? "root-access";
    // Written whole, by rename: projects sharing a directory must never see a half-written Pulumi.yaml.
    writeFileAtomically(
      join(dir, "Pulumi.yaml"),
      [
        `name: ${name}`,
        "runtime:",
        "  name: nodejs",
        // Said either way: left out, the Node.js runtime assumes TypeScript and loads ts-node for a JavaScript program.
        "  options:",
        `    typescript: ${typescript}`,
        `main: ${relative(dir, program) || "."}`,
        "",
      ].join("\n"),
    );
    const env = { ...options.env, PULUMI_AWS_ROOT_ACCESS_NODEJS_TYPESCRIPT: String(typescript) };
    const project = new PulumiProject(dir, name, options.stack ?? "test", env);
    await project.pulumi(["stack", "init", project.stack]);
    return project;
  }

  private static async createYaml(dir: string, options: ProjectOptions, program: string): Promise<PulumiProject> {
    const name = options.name ?? "root-access";
    writeFileAtomically(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${program}`);
    const project = new PulumiProject(dir, name, options.stack ?? "test", options.env);
    await project.pulumi(["stack", "init", project.stack]);
    return project;
  }

  private static async createOther(dir: string, options: ProjectOptions, projectYaml: string): Promise<PulumiProject> {
    const name = options.name ?? "root-access";
    writeFileAtomically(join(dir, "Pulumi.yaml"), `name: ${name}\n${projectYaml}`);
    const project = new PulumiProject(dir, name, options.stack ?? "test", options.env, options.operationsBy);
    await project.pulumi(["stack", "init", project.stack]);
    return project;
  }

  /** Replaces the YAML program of a project made with `yaml`. */
  setYaml(program: string): void {
    writeFileAtomically(join(this.dir, "Pulumi.yaml"), `name: ${this.name}\nruntime: yaml\n${program}`);
  }

  /** Runs `pulumi <args>` for this stack; throws with the full output unless the exit code is allowed. */
  async pulumi(args: string[], opts: { allowFailure?: boolean; timeoutMs?: number } = {}): Promise<RunResult> {
    const full = [...args, "--non-interactive"];
    if (args[0] !== "stack" || args[1] !== "init") full.push("--stack", this.stack);
    const command = this.operationsBy && OPERATIONS.has(args[0]!) ? this.operationsBy : "pulumi";
    const result = await run(command, full, this.dir, this.env, opts.timeoutMs);
    if (result.code !== 0 && !opts.allowFailure) throw new PulumiCommandError(args, result);
    return result;
  }

  /**
   * Sets a plain config value, as `pulumi config set` does, by writing the stack's settings file: the same file
   * the CLI writes, without starting the CLI for every value.
   */
  setConfig(key: string, value: string): void {
    this.config[key.includes(":") ? key : `${this.name}:${key}`] = value;
    this.writeConfig();
  }

  removeConfig(key: string): void {
    delete this.config[key.includes(":") ? key : `${this.name}:${key}`];
    this.writeConfig();
  }

  private writeConfig(): void {
    const file = join(this.dir, `Pulumi.${this.stack}.yaml`);
    const salt = existsSync(file) ? /^encryptionsalt: .*$/m.exec(readFileSync(file, "utf8"))?.[0] : undefined;
    const entries = Object.entries(this.config).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    writeFileSync(file, [...(salt ? [salt] : []), ...(entries.length ? ["config:", ...entries] : []), ""].join("\n"));
  }

  up(extra: string[] = []): Promise<RunResult> {
    return this.pulumi(["up", "--yes", "--skip-preview", ...extra]);
  }

  preview(extra: string[] = [], allowFailure = false): Promise<RunResult> {
    return this.pulumi(["preview", ...extra], { allowFailure });
  }

  refresh(extra: string[] = []): Promise<RunResult> {
    return this.pulumi(["refresh", "--yes", "--skip-preview", ...extra]);
  }

  destroy(extra: string[] = []): Promise<RunResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview", ...extra]);
  }

  /** The stack as `pulumi stack export --show-secrets` prints it: what a user could see. */
  async exportStack(): Promise<string> {
    return (await this.pulumi(["stack", "export", "--show-secrets"])).stdout;
  }

  /** Every resource in the stack's last checkpoint, read from the file backend (secrets stay encrypted there). */
  private checkpointResources(): StateResource[] {
    const file = join(this.env.PULUMI_AWS_ROOT_ACCESS_BACKEND_DIR!, ".pulumi", "stacks", this.name, `${this.stack}.json`);
    if (!existsSync(file)) return [];
    return (JSON.parse(readFileSync(file, "utf8")) as Checkpoint).checkpoint?.latest?.resources ?? [];
  }

  /** The stack's outputs, as `pulumi stack output --json` shows them. */
  async outputs(): Promise<Record<string, unknown>> {
    return this.checkpointResources().find((r) => r.type === "pulumi:pulumi:Stack")?.outputs ?? {};
  }

  /** Resources in state of the given type token suffix, with their inputs and outputs. */
  async resources(typeSuffix: string): Promise<StateResource[]> {
    return this.checkpointResources().filter((r) => r.type.endsWith(typeSuffix));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const scratchDirs: string[] = [];

function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * A fresh directory under the repository's `.work/` (created on first use: a clean clone has none), for projects
 * whose programs resolve the package through the repository's `node_modules`.
 */
export function workDir(prefix: string): string {
  mkdirSync(WORK_ROOT, { recursive: true });
  return mkdtempSync(join(WORK_ROOT, `${prefix}-`));
}

/**
 * A fresh temporary directory outside the repository (for engine state, or projects that must live elsewhere),
 * removed when the process exits.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `root-access-${prefix}-`));
  if (scratchDirs.push(dir) === 1) {
    process.once("exit", () => {
      for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

/**
 * Kills every process still running for one engine environment. The engine starts plugins in process groups of
 * their own, so a test that SIGKILLs `pulumi` (a crash) must also end the dynamic-provider host it left behind.
 * Processes are recognised by the backend directory in their environment (Linux /proc).
 */
export function killEngineProcesses(env: NodeJS.ProcessEnv): number {
  const marker = `PULUMI_AWS_ROOT_ACCESS_BACKEND_DIR=${env.PULUMI_AWS_ROOT_ACCESS_BACKEND_DIR}\0`;
  let killed = 0;
  for (const pid of existsSync("/proc") ? readdirSync("/proc").filter((d) => /^\d+$/.test(d)) : []) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker)) continue;
      process.kill(Number(pid), "SIGKILL");
      killed += 1;
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return killed;
}
