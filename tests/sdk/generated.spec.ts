/**
 * The checked-in SDKs (sdk/python, sdk/go) are what tools/gen-sdk makes from schema.json: a fresh generation into a
 * scratch directory must give the same files, byte for byte, and no others. Run `npm run gen:sdk` after changing the
 * schema. Needs Go (the generator is Pulumi's own, in Go), so it is not a unit test.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT, scratchDir } from "../../harness/engine";

/** The hand-written files of the SDK directories, which the generator leaves alone. */
const HAND_WRITTEN = new Set(["python/README.md", "go/README.md"]);

/** Files under `dir` as git sees them (tracked, or new and not ignored), relative to `dir`. */
function filesUnder(dir: string): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", dir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter(Boolean)
    .map((file) => relative(dir, join(REPO_ROOT, file)));
}

/** Every file under `dir`, relative to it (a fresh generation has no git state to consult). */
function allFiles(dir: string): string[] {
  const out = execFileSync("find", [".", "-type", "f"], { cwd: dir, encoding: "utf8" });
  return out
    .split("\n")
    .filter(Boolean)
    .map((file) => file.replace(/^\.\//, ""));
}

describe("sdk/, the generated Python and Go SDKs", function () {
  // Building the generator takes about a minute on a cold Go cache; generating, a second.
  this.timeout(10 * 60_000);

  it("is what tools/gen-sdk generates from schema.json (run `npm run gen:sdk` after changing the schema)", () => {
    const fresh = scratchDir("gen-sdk");
    execFileSync("bash", [join(REPO_ROOT, "scripts", "gen-sdk.sh"), fresh], { stdio: ["ignore", "ignore", "pipe"] });
    const sdk = join(REPO_ROOT, "sdk");
    const checkedIn = filesUnder(sdk).filter((f) => !HAND_WRITTEN.has(f));
    const generated = allFiles(fresh);
    expect(checkedIn.sort(), "the SDKs' files").to.deep.equal(generated.sort());
    for (const file of generated)
      expect(readFileSync(join(sdk, file), "utf8"), file).to.equal(readFileSync(join(fresh, file), "utf8"));
    for (const file of HAND_WRITTEN) expect(filesUnder(sdk), "each SDK has its README").to.include(file);
  });
});
