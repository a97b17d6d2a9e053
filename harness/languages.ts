/**
 * Projects whose program uses a generated SDK: Python, run by the Python language host as `pulumi up` runs it, and
 * Go, whose program serves itself inline through the Automation API (no Go language host can be built from the
 * modules this project may use). scripts/setup-sdks.sh, run once per process, provides the Python virtual
 * environment and the Go program.
 */
import { execFileSync } from "node:child_process";
import { join, relative } from "node:path";
import { PulumiProject, REPO_ROOT, workDir } from "./engine";
import { withNativePlugin } from "./native";

/** The languages of the generated SDKs, beside TypeScript (the package itself) and YAML (no SDK). */
export type SdkLanguage = "python" | "go";
export const SDK_LANGUAGES: readonly SdkLanguage[] = ["python", "go"];

/** The Python program of the SDK tests (a directory with `__main__.py`); tests/programs/go is the Go one. */
const PYTHON_PROGRAM = join(REPO_ROOT, "tests", "programs", "python");

let tools: Record<SdkLanguage, string> | undefined;

/** `python`: the virtual environment with `pulumi` and sdk/python; `go`: the built Go test program. */
export function sdkTools(): Record<SdkLanguage, string> {
  if (!tools) {
    const out = execFileSync("bash", [join(REPO_ROOT, "scripts", "setup-sdks.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const found = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((line) => line.split("=", 2) as [string, string]),
    );
    if (!found.python || !found.go) throw new Error(`scripts/setup-sdks.sh printed no python= and go= lines:\n${out}`);
    tools = { python: found.python, go: found.go };
  }
  return tools;
}

/**
 * A project of a Python program (a directory with `__main__.py`), run by the Python language host in the virtual
 * environment that holds sdk/python, with the native plugin on PATH.
 */
export async function pythonProject(env: NodeJS.ProcessEnv, program: string): Promise<PulumiProject> {
  const venv = sdkTools().python;
  const dir = workDir("sdk-python");
  return PulumiProject.create({
    dir,
    // The virtual environment activated, as `source <venv>/bin/activate` does: the host runs the `python3` on PATH.
    // (This host, from sdk v3.68.0, does not receive the `virtualenv` runtime option from today's CLI.)
    env: withNativePlugin({ ...env, VIRTUAL_ENV: venv, PATH: `${join(venv, "bin")}:${env.PATH ?? ""}` }),
    projectYaml: `runtime: python\nmain: ${relative(dir, program)}\n`,
  });
}

/**
 * A project of the language's test program, with the native plugin on PATH. The program declares the scenario the
 * stack's `scenario` configuration names.
 */
export async function sdkProject(language: SdkLanguage, env: NodeJS.ProcessEnv, scenario: string): Promise<PulumiProject> {
  const project =
    language === "python"
      ? await pythonProject(env, PYTHON_PROGRAM)
      : await PulumiProject.create({
          dir: workDir("sdk-go"),
          env: withNativePlugin(env),
          projectYaml: "runtime: go\n",
          operationsBy: sdkTools().go,
        });
  project.setConfig("scenario", scenario);
  return project;
}
