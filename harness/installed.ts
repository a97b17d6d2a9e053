/**
 * A Pulumi project outside the repository with the package installed from its `npm pack` tarball, the way users
 * install it. Dependencies come from the npm cache the repository's own install filled; the registry is the fallback.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, run, scratchDir } from "./engine";

function ownPulumiVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string })
    .version;
}

/**
 * @param files the project's own files, by name
 * @param pulumiVersion the `@pulumi/pulumi` the project depends on: the repository's own by default
 * @param packageDir the checkout to pack (built): this repository by default, or a released version's
 */
export async function installedProjectDir(
  files: Record<string, string>,
  pulumiVersion = ownPulumiVersion(),
  packageDir = REPO_ROOT,
): Promise<string> {
  const dir = scratchDir("installed");
  const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], {
    cwd: packageDir,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop()!;
  const manifest = {
    name: "installed-project",
    private: true,
    main: "index.js",
    dependencies: { "pulumi-aws-root-access": `file:./${tarball}`, "@pulumi/pulumi": pulumiVersion },
  };
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const install = await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
    dir,
    process.env,
    5 * 60_000,
  );
  if (install.code !== 0) throw new Error(`npm install of the packed package failed:\n${install.output}`);
  return dir;
}
