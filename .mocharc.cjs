// The whole suite, in parallel. Files start longest first (e2e files with their measured seconds below), so the
// workers finish together instead of waiting on a long file that started last; every other file follows, sorted.
// No file is listed by hand: a spec file missing from LONGEST still runs.
"use strict";
const { readdirSync } = require("node:fs");
const { join } = require("node:path");

const LONGEST = [
  // CLI run-seconds per file in one run of the gate (PULUMI_AWS_ROOT_ACCESS_RUN_LOG), longest first.
  "tests/e2e/secrets.e2e.spec.ts", // ~245 s
  "tests/e2e/deferred-delete.e2e.spec.ts", // ~225 s
  "tests/e2e/restyle-and-rename.e2e.spec.ts", // ~225 s
  "tests/e2e/delegated-administrator-change.e2e.spec.ts", // ~170 s
  "tests/e2e/sdk-languages.e2e.spec.ts", // ~170 s
  "tests/e2e/bad-input.e2e.spec.ts", // ~150 s (72 previews, 2 at a time)
  "tests/e2e/native-yaml.e2e.spec.ts", // ~125 s
  "tests/e2e/faults.e2e.spec.ts", // ~100 s
  "tests/e2e/wrong-organization.e2e.spec.ts", // ~100 s
  "tests/e2e/preview-is-the-plan.e2e.spec.ts", // ~95 s
  "tests/e2e/trusted-access-healing.e2e.spec.ts", // ~95 s
  "tests/e2e/faults-that-fail.e2e.spec.ts", // ~80 s
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
  // More workers than cores: end-to-end files spend much of their time waiting (injected latency, retries, the engine's
  // round trips); with 4 workers the 2 cores were busy 82% of the run.
  jobs: 6,
};
