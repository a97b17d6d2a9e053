import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REAL_WORLD_CHANGES } from "../realWorldChanges";
import { HOSTILE_INPUTS } from "../hostileInputs";
import { RELIABILITY_DOC, renderReliabilityDoc } from "../reliabilityDoc";

describe("docs/reliability.md", () => {
  it("states exactly the figures of the tables the reliability suites run (regenerate with npm run docs:reliability)", () => {
    expect(readFileSync(RELIABILITY_DOC, "utf8")).to.equal(renderReliabilityDoc());
  });

  it("cites only paths that exist", () => {
    const cited = [
      ...readFileSync(RELIABILITY_DOC, "utf8").matchAll(/`((?:tests|docs|provider|emulator|harness|bench)\/[^`\s]+)`/g),
    ];
    expect(cited.length).to.be.greaterThan(10);
    for (const [, path] of cited) expect(existsSync(join(__dirname, "..", "..", path!)), path).to.equal(true);
  });

  it("names, for every real-world change, a spec that exists", () => {
    for (const { spec } of Object.values(REAL_WORLD_CHANGES))
      expect(existsSync(join(__dirname, "..", "..", spec)), spec).to.equal(true);
  });
});

describe("docs/reliability.md's hostile-input table", () => {
  it("names, for every hostile input, a spec that exists", () => {
    for (const { spec } of HOSTILE_INPUTS) expect(existsSync(join(__dirname, "..", "..", spec)), spec).to.equal(true);
  });
});
