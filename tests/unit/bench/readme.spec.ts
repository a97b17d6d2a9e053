import { expect } from "chai";
import { readFileSync } from "node:fs";
import { README, RESULTS, TABLE_END, TABLE_START, goalsOf, readmeTable, verdict, withTable } from "../../../bench/readme";
import type { BenchResults } from "../../../bench/readme";

const results = (): BenchResults => JSON.parse(readFileSync(RESULTS, "utf8")) as BenchResults;

describe("the README's benchmark table", () => {
  it("is the table of bench/results.json as it stands (npm run bench:readme rewrites it)", () => {
    const readme = readFileSync(README, "utf8");
    expect(withTable(readme, readmeTable(results()))).to.equal(readme);
  });

  it("states every goal of bench/results.json with its verdict", () => {
    const table = readmeTable(results());
    const goals = goalsOf(results());
    for (const g of goals.filter((g) => g.unit !== "calls")) expect(table, g.goal).to.include(verdict(g));
    for (const g of goals.filter((g) => g.unit === "calls")) expect(table, g.goal).to.include(`| ${g.measured} |`);
    expect(results()).to.have.property("goals").that.deep.equals(goals);
  });

  it("refuses a README without its markers, instead of writing part of one", () => {
    expect(() => withTable("# no table here\n", "| x |")).to.throw(TABLE_START);
    expect(() => withTable(`${TABLE_END}\n${TABLE_START}\n`, "| x |")).to.throw(/no benchmark table markers/);
  });
});

describe("the benchmark's goals", () => {
  it("are met at or under the goal, and carry the ratio to it", () => {
    const goals = goalsOf(results());
    expect(goals).to.have.length.greaterThan(0);
    for (const g of goals) {
      expect(g.ratio, g.goal).to.equal(Math.round((g.measured / g.target) * 100) / 100);
      expect(g.met, g.goal).to.equal(g.measured <= g.target);
    }
  });
});
