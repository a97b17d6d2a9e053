/**
 * Hostile input on the emulator's side, through HTTP: names from the wire that match Object.prototype members, a
 * foreign Host header, characters XML 1.0 cannot carry, a mistyped fault plan, an unbounded call log, and the
 * command line (`--port 0x50`, a FIFO seed, a seed beside an existing state file).
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnableOrganizationsRootSessionsCommand, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { AssumeRootCommand } from "@aws-sdk/client-sts";
import { CallLog, MAX_CALL_LOG_ENTRIES } from "../../emulator/callLog";
import { MAX_TEMPORARY_KEYS } from "../../emulator/world";
import { KEYS, MEMBER, ORG_ID, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const SIGNED = `AWS4-HMAC-SHA256 Credential=${KEYS.management}/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=abc`;
const TSX_CLI = join(__dirname, "..", "..", "node_modules", "tsx", "dist", "cli.mjs");
const EMULATOR_CLI = join(__dirname, "..", "..", "emulator", "cli.ts");

/** A raw request with any Host header (fetch does not let a caller set one). */
function request(
  url: string,
  options: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: u.port,
        method: options.method ?? "POST",
        path: options.path ?? "/",
        headers: { host: options.host ?? u.host, ...(options.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body ?? "");
  });
}

describe("emulator: hostile input", () => {
  let fx: EmulatorFixture;
  beforeEach(async () => {
    fx = await startEmulator({ seed: rootCredentialsSeed() });
  });
  afterEach(async () => fx.close());

  const json = { "content-type": "application/x-amz-json-1.1", authorization: SIGNED };

  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    it(`answers the Organizations target ${JSON.stringify(name)} as an unknown operation, in JSON, with no state or secret`, async () => {
      const { Credentials } = await fx.clientsFor(KEYS.management).sts.send(
        new AssumeRootCommand({
          TargetPrincipal: MEMBER,
          TaskPolicyArn: { arn: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" },
        }),
      );
      const res = await request(fx.emulator.url, {
        headers: { ...json, "x-amz-target": `AWSOrganizationsV20161128.${name}` },
        body: "{}",
      });
      expect(res.status).to.equal(400);
      expect(JSON.parse(res.text)).to.include({ __type: "UnknownOperationException" });
      for (const secret of [Credentials!.SecretAccessKey!, Credentials!.SessionToken!, "mintedSecrets", ORG_ID]) {
        expect(res.text).to.not.contain(secret);
      }
    });
  }

  it("does not count a service principal named constructor as trusted", async () => {
    const res = await request(fx.emulator.url, {
      headers: { ...json, "x-amz-target": "AWSOrganizationsV20161128.RegisterDelegatedAdministrator" },
      body: JSON.stringify({ AccountId: MEMBER, ServicePrincipal: "constructor" }),
    });
    expect(res.status).to.not.equal(200);
    expect(fx.emulator.state().organizations[0]!.delegatedAdministrators.map((d) => d.servicePrincipal)).to.not.include(
      "constructor",
    );
  });

  it("refuses a foreign Host header on the control endpoint and AWS calls, and answers its own names", async () => {
    const before = JSON.stringify(fx.emulator.state());
    const rebinding = await request(fx.emulator.url, {
      method: "PUT",
      path: "/__emulator/state",
      host: `attacker.example:${fx.emulator.port}`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ organizations: [], accounts: [], accessKeys: [] }),
    });
    expect(rebinding.status).to.equal(403);
    expect(JSON.stringify(fx.emulator.state())).to.equal(before);
    const aws = await request(fx.emulator.url, {
      host: `attacker.example:${fx.emulator.port}`,
      headers: { ...json, "x-amz-target": "AWSOrganizationsV20161128.DescribeOrganization" },
      body: "{}",
    });
    expect(aws.status).to.be.within(400, 403);
    expect(aws.text).to.contain("The Host header names another server");
    for (const host of [`127.0.0.1:${fx.emulator.port}`, `localhost:${fx.emulator.port}`]) {
      expect((await request(fx.emulator.url, { method: "GET", path: "/__emulator/health", host })).status, host).to.equal(200);
    }
  });

  it("never sends a character XML 1.0 cannot carry, showing it escaped instead", async () => {
    const res = await request(fx.emulator.url, {
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: SIGNED.replace("organizations", "iam") },
      body: "Action=Nope%01%1B%0BX&Version=2010-05-08",
    });
    expect(res.status).to.equal(400);
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    expect(res.text).to.not.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(res.text).to.contain("Nope\\u0001\\u001b\\u000bX");
  });

  it("refuses a fault plan with an unknown key, naming it, and keeps the rules it had", async () => {
    fx.emulator.setFaults({ rules: [{ kind: "throttle", count: 3 }] });
    const res = await request(fx.emulator.url, {
      method: "PUT",
      path: "/__emulator/faults",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rule: [] }),
    });
    expect(res.status).to.equal(400);
    expect(JSON.parse(res.text).error).to.contain('"rule"');
    const typoInRule = await request(fx.emulator.url, {
      method: "PUT",
      path: "/__emulator/faults",
      body: JSON.stringify({ rules: [{ kind: "throttle", count: 1, operation: ["X"] }] }),
    });
    expect(typoInRule.status).to.equal(400);
    expect(JSON.parse((await request(fx.emulator.url, { method: "GET", path: "/__emulator/faults" })).text).rules).to.have.length(
      1,
    );
  });

  it("does not keep expired minted keys: 200 sessions leave the state the size of one", async () => {
    const seeded = fx.emulator.state().accessKeys.length;
    const { sts } = fx.clientsFor(KEYS.management);
    const task = { arn: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" };
    for (let i = 0; i < 200; i += 1)
      await sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: task, DurationSeconds: 0 }));
    expect(fx.emulator.state().accessKeys.length).to.be.at.most(seeded + 1);
  });

  it("bounds sessions that are still valid too: 1,000 of an hour each keep the state small, and GET state fits back through PUT", async () => {
    const { sts } = fx.clientsFor(KEYS.management);
    const task = { arn: "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials" };
    for (let i = 0; i < 1000; i += 1)
      await sts.send(new AssumeRootCommand({ TargetPrincipal: MEMBER, TaskPolicyArn: task, DurationSeconds: 900 }));
    const temporary = fx.emulator.state().accessKeys.filter((k) => k.temporary);
    expect(temporary.length).to.be.at.most(MAX_TEMPORARY_KEYS);
    expect(fx.emulator.mintedCredentials().length, "secrets of dropped keys are dropped too").to.be.at.most(
      3 * MAX_TEMPORARY_KEYS,
    );
    const got = await request(fx.emulator.url, { method: "GET", path: "/__emulator/state" });
    const put = await request(fx.emulator.url, { method: "PUT", path: "/__emulator/state", body: got.text });
    expect(put.status, put.text.slice(0, 200)).to.equal(200);
  });

  it("truncates a 65 KB operation name in the call log", async () => {
    await request(fx.emulator.url, {
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: SIGNED.replace("organizations", "iam") },
      body: `Action=${"A".repeat(65_000)}&Version=2010-05-08`,
    });
    const [call] = fx.emulator.calls();
    expect(call!.operation.length).to.be.at.most(130);
    expect((await fx.iam.send(new ListOrganizationsFeaturesCommand({}))).OrganizationId).to.equal(ORG_ID);
  });
});

describe("emulator: the call log's bound", () => {
  it(`keeps the newest ${MAX_CALL_LOG_ENTRIES} entries and counts the ones it dropped`, () => {
    const log = new CallLog();
    for (let i = 0; i < MAX_CALL_LOG_ENTRIES + 25; i += 1)
      log.record({ service: "iam", operation: `Op${i}`, status: 200 }, performance.now());
    const calls = log.list();
    expect(calls).to.have.length(MAX_CALL_LOG_ENTRIES);
    expect(calls[0]!.operation).to.equal("Op25");
    expect(log.dropped).to.equal(25);
    log.clear();
    expect(log.dropped).to.equal(0);
  });
});

describe("emulator: its command line", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Starts the CLI; resolves with its exit code, or with its output once it listens (then stops it). */
  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [TSX_CLI, EMULATOR_CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes("listening on")) child.kill("SIGTERM");
      });
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  it("answers --help with the usage on stdout and exit code 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.contain("usage: root-access-emulator");
    expect(r.stderr).to.equal("");
  });

  it("writes its state file as compact JSON", async () => {
    const state = join(dir, "compact.json");
    const fx = await startEmulator({ seed: rootCredentialsSeed([]), stateFile: state });
    await fx.iam.send(new EnableOrganizationsRootSessionsCommand({}));
    await fx.close();
    expect(readFileSync(state, "utf8")).to.not.contain("\n  ");
  });

  it("refuses --port 0x50 instead of binding port 80", async () => {
    const r = await runCli(["--port", "0x50"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('--port must be a decimal number from 0 to 65535, got "0x50"');
  });

  it("refuses a FIFO as --seed at once instead of hanging", async () => {
    const fifo = join(dir, "seed.fifo");
    execFileSync("mkfifo", [fifo]);
    const r = await runCli(["--seed", fifo]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain("not a regular file");
  });

  it("says so when --seed is ignored because the state file exists", async () => {
    const state = join(dir, "state.json");
    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify(rootCredentialsSeed()));
    await runCli(["--state", state, "--port", "0"]);
    const r = await runCli(["--state", state, "--seed", seed, "--port", "0"]);
    expect(r.stdout).to.contain("listening on");
    expect(r.stderr).to.contain(`--seed ${seed} is ignored: the state file ${state} exists`);
  });
});

describe("emulator: state that is refused, and writes that fail", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("rolls a change back when the state file cannot be written, leaving no temporary file", async () => {
    const file = join(dir, "state.json");
    const fx = await startEmulator({ seed: rootCredentialsSeed([]), stateFile: file });
    try {
      rmSync(file);
      mkdirSync(file); // rename over a directory fails
      const err = await fx
        .clientsFor(KEYS.management)
        .iam.send(new EnableOrganizationsRootSessionsCommand({}))
        .catch((e: unknown) => e as Error);
      expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).to.equal(500);
      expect(fx.emulator.state().organizations[0]!.enabledRootFeatures).to.deep.equal([]);
      expect(readdirSync(dir)).to.deep.equal(["state.json"]);
    } finally {
      await fx.close();
    }
  });

  it("keeps the state file's mode, and a symlinked state file a symlink", async () => {
    const target = join(dir, "real.json");
    const link = join(dir, "state.json");
    writeFileSync(target, JSON.stringify(rootCredentialsSeed([])), { mode: 0o600 });
    chmodSync(target, 0o600);
    symlinkSync(target, link);
    const fx = await startEmulator({ stateFile: link });
    try {
      await fx.clientsFor(KEYS.management).iam.send(new EnableOrganizationsRootSessionsCommand({}));
      expect(lstatSync(link).isSymbolicLink()).to.equal(true);
      expect(statSync(target).mode & 0o777).to.equal(0o600);
      expect(JSON.parse(readFileSync(target, "utf8")).organizations[0].enabledRootFeatures).to.deep.equal(["RootSessions"]);
    } finally {
      await fx.close();
    }
  });

  const json = (s: unknown): string => JSON.stringify(s);
  const refused: Array<[string, (seed: Record<string, unknown>) => string, RegExp]> = [
    [
      "a number JSON cannot carry (1e309)",
      (s) => json(s).replace(/"defaultAccountId":"\d+"/, '"defaultAccountId":1e309'),
      /defaultAccountId/,
    ],
    [
      "a duplicate access key",
      (s) => json({ ...s, accessKeys: [...(s.accessKeys as unknown[]), (s.accessKeys as unknown[])[0]] }),
      /accessKeys\[\d+\]/,
    ],
    [
      "a duplicate account",
      (s) => json({ ...s, accounts: [...(s.accounts as unknown[]), (s.accounts as unknown[])[1]] }),
      /accounts\[\d+\]/,
    ],
    [
      "a delegated administrator that is no account",
      (s) => {
        const copy = structuredClone(s) as { organizations: Array<{ delegatedAdministrators: unknown[] }> };
        copy.organizations[0]!.delegatedAdministrators.push({ accountId: "999999999999", servicePrincipal: "iam.amazonaws.com" });
        return json(copy);
      },
      /organizations\[0\]\.delegatedAdministrators\[1\]/,
    ],
  ];
  for (const [what, bodyOf, path] of refused) {
    it(`refuses ${what} through PUT /state, naming the path, and keeps the state it had`, async () => {
      const fx = await startEmulator({ seed: rootCredentialsSeed() });
      try {
        const before = JSON.stringify(fx.emulator.state());
        const res = await request(fx.emulator.url, {
          method: "PUT",
          path: "/__emulator/state",
          body: bodyOf(rootCredentialsSeed()),
        });
        expect(res.status).to.equal(400);
        expect(JSON.parse(res.text).error).to.match(path);
        expect(JSON.stringify(fx.emulator.state())).to.equal(before);
      } finally {
        await fx.close();
      }
    });
  }
});
