/**
 * The native provider plugin of this checkout, found by the engine on PATH as `npm install` puts the package's bin
 * there: a launcher of `dist/native/main.js` (built by `npm run build`).
 */
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, scratchDir } from "./engine";

export const PLUGIN = "pulumi-resource-aws-root-access";
let launcherDir: string | undefined;

/** A directory holding the plugin's launcher, made once per process. */
export function nativePluginDir(): string {
  if (!launcherDir) {
    const dir = scratchDir("native-plugin");
    const launcher = join(dir, PLUGIN);
    writeFileSync(launcher, `#!/bin/sh\nexec node "${join(REPO_ROOT, "dist", "native", "main.js")}" "$@"\n`);
    chmodSync(launcher, 0o755);
    launcherDir = dir;
  }
  return launcherDir;
}

/** An engine environment with the native plugin on PATH. */
export function withNativePlugin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, PATH: `${nativePluginDir()}:${env.PATH ?? ""}` };
}
