// The whole suite, in parallel. Files start longest first (e2e files with their measured seconds below), so the
// workers finish together instead of waiting on a long file that started last; every other file follows, sorted.
// No file is listed by hand: a spec file missing from LONGEST still runs.
"use strict";
const { readdirSync } = require("node:fs");
const { join } = require("node:path");

const LONGEST = [
  "tests/e2e/bad-input.e2e.spec.ts", // 68 previews
  "tests/e2e/faults.e2e.spec.ts", // ~125 s
  "tests/e2e/restyle-and-rename.e2e.spec.ts", // ~90 s
  "tests/e2e/secrets.e2e.spec.ts", // ~85 s
  "tests/e2e/sdk-languages.e2e.spec.ts", // ~55 s
  "tests/e2e/faults-that-fail.e2e.spec.ts", // ~60 s
  "tests/e2e/lifecycle.e2e.spec.ts", // ~60 s
  "tests/e2e/crash.e2e.spec.ts", // ~55 s
];

function specFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(path);
    return entry.name.endsWith(".spec.ts") ? [path] : [];
  });
}

const all = specFiles("tests").sort();
const first = LONGEST.filter((file) => all.includes(file));

module.exports = {
  "node-option": ["import=tsx"],
  extension: ["ts"],
  spec: [...first, ...all.filter((file) => !first.includes(file))],
  timeout: 20000,
  reporter: "spec",
  require: ["tests/setup.ts"],
  parallel: true,
  jobs: 4,
};
