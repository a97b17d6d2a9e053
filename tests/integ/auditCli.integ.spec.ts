/** `pulumi-aws-root-access audit` as a process against the emulator: exit codes, stdout only for the report, secrets. */
import { expect } from "chai";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { KEYS, MEMBER, MEMBER_2, ORG_ID, rootCredentialsSeed, startEmulator } from "../fixtures";
import type { EmulatorFixture } from "../fixtures";

const MAIN = join(__dirname, "..", "..", "provider", "cli", "main.ts");

describe("the audit CLI as a process", function () {
  this.timeout(60_000);
  let fx: EmulatorFixture;
  before(async () => {
    const seed = rootCredentialsSeed();
    (seed.organizations as Array<Record<string, unknown>>)[0]!.serviceControlPolicies = [{ targets: [MEMBER], deny: ["iam:*"] }];
    fx = await startEmulator({ seed });
  });
  after(async () => fx.close());

  function audit(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: fx.emulator.url,
      AWS_ACCESS_KEY_ID: KEYS.management,
      AWS_SECRET_ACCESS_KEY: fx.credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/nonexistent",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...extra,
    };
    // An empty value removes the variable, as unsetting it in a shell would.
    for (const [k, v] of Object.entries(extra)) if (v === "") delete env[k];
    return new Promise((resolve) => {
      execFile(process.execPath, ["--import", "tsx", MAIN, "audit", ...args], { env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code) : 0, stdout, stderr }),
      );
    });
  }

  it("exits 0 when every account audited is clean, with only the report on stdout and nothing on a non-terminal stderr", async () => {
    const r = await audit(["--accounts", MEMBER_2, "--format", "json"]);
    expect(r.code).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.include({ organizationId: ORG_ID, exitCode: 0 });
    expect(r.stderr).to.equal("");
  });

  it("exits 1 when a root credential is found", async () => {
    const r = await audit(["--accounts", `${MEMBER_2},333333333333`, "--format", "csv"]);
    expect(r.code).to.equal(1);
    expect(r.stdout.split("\n")[0]).to.match(/^account,name,status/);
  });

  it("exits 2 when an account cannot be audited, naming it in its row, and audits the others", async () => {
    const r = await audit([]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.match(new RegExp(`${MEMBER} .*error .*ServiceControlPolicyDeniedError`));
    expect(r.stdout).to.match(/555555555555 +clean +clean/);
  });

  it("exits 2 on wrong usage with the problems and the usage on stderr, nothing on stdout, and no AWS call", async () => {
    fx.emulator.clearCalls();
    const r = await audit(["--concurrency", "65", "--format", "xml"]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.equal("");
    expect(r.stderr)
      .to.contain("error: concurrency must be a whole number from 1 to 64")
      .and.contain("usage: pulumi-aws-root-access audit");
    expect(fx.emulator.calls()).to.deep.equal([]);
  });

  it("writes no live spreadsheet formula into CSV, whatever the member accounts' admins name their accounts", async () => {
    const state = fx.emulator.state();
    const names = ['=HYPERLINK("http://x.example","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3"];
    const ids = ["222222222222", "555555555555", "333333333333", "111111111111"].slice(0, 3);
    ids.forEach((id, i) => (state.accounts.find((a) => a.id === id)!.name = names[i]!));
    fx.emulator.setState(state);
    const r = await audit(["--accounts", ids.join(","), "--format", "csv"]);
    const cells = r.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => /^\d{12},("(?:[^"]|"")*"|[^,]*)/.exec(line)![1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
    expect(cells).to.have.length(3);
    for (const cell of cells) expect(cell, cell).to.match(/^'[=+@-]/);
  });

  it("escapes bidi and control characters in account names and in errors naming a profile", async () => {
    const state = fx.emulator.state();
    state.accounts.find((a) => a.id === MEMBER_2)!.name = "evil\u202Egnp.exe";
    fx.emulator.setState(state);
    const table = await audit(["--accounts", MEMBER_2]);
    expect(table.stdout).to.include("evil\\u202egnp.exe").and.not.include("\u202E");
    const r = await audit(["--accounts", MEMBER_2], {
      AWS_PROFILE: "x\u202Ey\u001b[31m",
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
    });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("x\\u202ey\\u001b[31m");
    // eslint-disable-next-line no-control-regex -- the raw characters are what must be absent
    expect(r.stderr).to.not.match(/[\u001b\u202e]/);
  });

  it("prints a JSON document even when nothing can be audited, with the typed error a member account's credentials get", async () => {
    const r = await audit(["--format", "json"], { AWS_ACCESS_KEY_ID: KEYS.member });
    expect(r.code).to.equal(2);
    const doc = JSON.parse(r.stdout) as { error: { name: string; message: string }; exitCode: number };
    expect(doc.exitCode).to.equal(2);
    expect(doc.error.name).to.equal("AccountNotManagementOrDelegatedAdministratorError");
    expect(doc.error.message).to.contain("Fix:");
    expect(r.stderr).to.contain("error: AccountNotManagementOrDelegatedAdministratorError:");
  });

  it("prints no root-session key, secret or token, and not the caller's secret", async () => {
    const r = await audit(["--format", "json"]);
    const out = r.stdout + r.stderr;
    for (const secret of [...fx.emulator.mintedCredentials(), fx.credentials.secretAccessKey]) expect(out).to.not.contain(secret);
  });
});
