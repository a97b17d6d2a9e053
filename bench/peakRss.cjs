// Preloaded into a benchmarked process: records its peak resident set size (KiB) when it exits.
"use strict";
process.on("exit", () => {
  if (process.env.BENCH_PEAK_RSS_FILE) require("node:fs").writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
