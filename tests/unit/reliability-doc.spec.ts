import { expect } from "chai";
import { readFileSync } from "node:fs";
import { RELIABILITY_DOC, renderReliabilityDoc } from "../reliabilityDoc";

describe("docs/reliability.md", () => {
  it("states exactly the figures of the tables the reliability suites run (regenerate with npm run docs:reliability)", () => {
    expect(readFileSync(RELIABILITY_DOC, "utf8")).to.equal(renderReliabilityDoc());
  });
});
