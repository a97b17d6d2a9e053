/**
 * Where the harness runs test programs from. Programs are written in TypeScript, type-checked by `npm run
 * typecheck`, and run as JavaScript, transpiled once per content. They run beside a copy of the built package in
 * a `node_modules` folder, as users install it: Pulumi then captures each provider as one `require(...)`, instead of
 * serializing the whole provider by value on every engine run (130 KB of state, and a third of a preview's CPU).
 * (The by-value path, taken by linked or workspace packages, has its own suite: `typescript: true` programs run
 * from the repository itself.)
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import ts from "typescript";

const REPO_ROOT = resolve(__dirname, "..");
const PACKAGE_PARTS = ["package.json", "dist", "policy"];

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash.update(entry), join(path, entry));
  } else {
    hash.update(readFileSync(path));
  }
}

let root: string | undefined;

/** A folder whose node_modules holds the package as built now; made once per build, shared by parallel workers. */
export function programRoot(): string {
  if (root) return root;
  const hash = createHash("sha256");
  // The folder's own layout is part of its name: a change to it must not reuse a folder made before.
  hash.update("layout 2: own package.json");
  for (const part of PACKAGE_PARTS) hashTree(hash, join(REPO_ROOT, part));
  const dir = join(REPO_ROOT, ".work", `programs-${hash.digest("hex").slice(0, 16)}`);
  if (!existsSync(dir)) {
    const staging = `${dir}.${process.pid}.tmp`;
    const pkg = join(staging, "node_modules", "pulumi-aws-root-access");
    mkdirSync(pkg, { recursive: true });
    // A package scope of its own: without it, the programs here belong to the repository's package.json, and Node
    // resolves "pulumi-aws-root-access" to the repository itself (a package may require itself by name) instead of
    // the copy in node_modules, so Pulumi serialized every provider by value after all.
    writeFileSync(join(staging, "package.json"), `${JSON.stringify({ name: "test-programs", private: true }, null, 2)}\n`);
    for (const part of PACKAGE_PARTS) cpSync(join(REPO_ROOT, part), join(pkg, part), { recursive: true });
    try {
      renameSync(staging, dir);
      // Copies of earlier builds are of no further use.
      for (const old of readdirSync(join(REPO_ROOT, ".work"))) {
        if (/^programs-[0-9a-f]{16}$/.test(old) && join(REPO_ROOT, ".work", old) !== dir) {
          rmSync(join(REPO_ROOT, ".work", old), { recursive: true, force: true });
        }
      }
    } catch {
      // Another worker made it first.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  root = dir;
  return dir;
}

/** The program as JavaScript, in `programRoot()`. */
export function compiledProgram(source: string): string {
  const text = readFileSync(source, "utf8");
  const hash = createHash("sha256").update(source).update(text).digest("hex").slice(0, 16);
  const file = join(programRoot(), `${basename(source, ".ts")}-${hash}.js`);
  if (existsSync(file)) return file;
  const { outputText } = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: source,
  });
  // Written under a temporary name first: parallel test workers may compile the same program at once.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, outputText);
  renameSync(tmp, file);
  return file;
}
