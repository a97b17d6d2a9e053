// Preloaded (`--import`) into a benchmarked process: records its peak resident set size (KiB) when it exits.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_PEAK_RSS_FILE) writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
