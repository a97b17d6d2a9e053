/**
 * `npm run package:plugin`: the native provider as a Pulumi plugin archive, for
 * `pulumi plugin install resource aws-root-access <version> --file <archive>`. The archive holds the package
 * installed with its production dependencies and `pulumi-resource-aws-root-access`, a launcher that runs it with
 * the machine's Node.js (>= 20.19). Nothing is downloaded when the npm cache has the dependencies.
 *
 * Prints the archive's path. Usage: npm run package:plugin [-- <output directory>]
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = join(__dirname, "..");
export const PLUGIN = "pulumi-resource-aws-root-access";

function versionOf(file: string): string {
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

export function packagePlugin(outDir: string): string {
  const version = versionOf(join(ROOT, "package.json"));
  const pulumiVersion = versionOf(join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"));
  const staging = mkdtempSync(join(tmpdir(), "aws-root-access-plugin-"));
  try {
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", staging], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    const manifest = {
      name: "aws-root-access-plugin",
      private: true,
      dependencies: { "pulumi-aws-root-access": `file:./${tarball}`, "@pulumi/pulumi": pulumiVersion },
    };
    writeFileSync(join(staging, "package.json"), JSON.stringify(manifest, null, 2));
    execFileSync("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: staging,
      stdio: ["ignore", "ignore", "inherit"],
    });
    rmSync(join(staging, tarball));
    const launcher = join(staging, PLUGIN);
    writeFileSync(
      launcher,
      '#!/bin/sh\n# The aws-root-access native provider, run with the Node.js on PATH.\nhere=$(dirname "$(readlink -f "$0")")\n' +
        'exec node "$here/node_modules/pulumi-aws-root-access/dist/native/main.js" "$@"\n',
    );
    chmodSync(launcher, 0o755);
    mkdirSync(outDir, { recursive: true });
    const archive = join(outDir, `${PLUGIN}-v${version}.tgz`);
    execFileSync("tar", ["-czf", archive, "-C", staging, PLUGIN, "package.json", "node_modules"]);
    return archive;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.stdout.write(`${packagePlugin(resolve(process.argv[2] ?? join(ROOT, "dist-plugin")))}\n`);
}
