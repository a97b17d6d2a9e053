#!/usr/bin/env node
/**
 * `npm run emulator -- --port N [--seed FILE] [--state FILE]`: the emulator in the foreground, for trying the
 * package without an AWS account. Prints its URL once it listens; SIGINT/SIGTERM stop it cleanly.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { start } from "./server";

const USAGE = "usage: root-access-emulator [--port N] [--seed FILE] [--state FILE]";

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { port: number; seed?: string; state?: string } {
  const out: { port: number; seed?: string; state?: string } = { port: 0 };
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(
      `${USAGE}\n  --port N      listen on 127.0.0.1:N (0, the default, picks a free port)\n` +
        "  --seed FILE   the initial world, as JSON (ignored when the state file exists)\n" +
        "  --state FILE  keep the state in FILE across restarts\n",
    );
    process.exit(0);
  }
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== "--port" && flag !== "--seed" && flag !== "--state") usage(`unknown argument ${flag}`);
    if (value === undefined) usage(`${flag} needs a value`);
    i += 1;
    if (flag === "--port") {
      // Digits only: Number() would read "0x50" as port 80.
      const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(port) || port > 65535)
        usage(`--port must be a decimal number from 0 to 65535, got ${JSON.stringify(value)}`);
      out.port = port;
    } else if (flag === "--seed") out.seed = value;
    else out.state = value;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let seed: unknown;
  if (args.seed && args.state && existsSync(args.state)) {
    process.stderr.write(`note: --seed ${args.seed} is ignored: the state file ${args.state} exists and is loaded instead\n`);
  } else if (args.seed) {
    try {
      // A FIFO or a device would block the start for ever: only regular files are read.
      if (!statSync(args.seed).isFile()) throw new Error("not a regular file");
      seed = JSON.parse(readFileSync(args.seed, "utf8"));
    } catch (e) {
      usage(`cannot read seed ${args.seed}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const emulator = await start({ port: args.port, seed, ...(args.state ? { stateFile: args.state } : {}) });
  process.stdout.write(
    `IAM, Organizations, STS, S3 and SQS emulator listening on ${emulator.url}\n` +
      `  export ${["IAM", "ORGANIZATIONS", "STS", "S3", "SQS"].map((s) => `AWS_ENDPOINT_URL_${s}=${emulator.url}`).join(" ")}\n` +
      `  control endpoint: ${emulator.url}/__emulator/ (GET state, GET calls, PUT faults)\n`,
  );
  const stop = (signal: string): void => {
    process.stdout.write(`received ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
