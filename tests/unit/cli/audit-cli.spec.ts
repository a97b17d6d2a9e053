import { expect } from "chai";
import { parseCommand } from "../../../provider/cli/args";
import { renderAudit } from "../../../provider/rootCredentials/report";
import type { RootCredentialsAudit } from "../../../provider/rootCredentials/audit";
import { mapLimit, presentCredentials } from "../../../provider/core/rootCredentials";

describe("the audit command line", () => {
  it("parses every flag, in both --flag value and --flag=value forms", () => {
    expect(
      parseCommand([
        "audit",
        "--accounts",
        "222222222222,555555555555",
        "--format=csv",
        "--concurrency",
        "16",
        "--profile=mgmt",
        "--region",
        "eu-west-1",
      ]),
    ).to.deep.equal({
      kind: "audit",
      format: "csv",
      options: { accounts: ["222222222222", "555555555555"], concurrency: 16, profile: "mgmt", region: "eu-west-1" },
    });
    expect(parseCommand(["audit"])).to.deep.equal({ kind: "audit", format: "table", options: {} });
    expect(parseCommand(["audit", "--accounts", "all"])).to.deep.include({ options: { accounts: "all" } });
  });

  it("answers help for no arguments, help, -h and --help", () => {
    for (const argv of [[], ["help"], ["-h"], ["audit", "--help"]])
      expect(parseCommand(argv).kind, argv.join(" ")).to.equal("help");
  });

  it("reports every problem at once: out-of-range and non-numeric concurrency, a bad format, bad and repeated accounts, unknown and repeated flags", () => {
    const parsed = parseCommand([
      "audit",
      "--concurrency",
      "0x10",
      "--format",
      "yaml",
      "--accounts",
      "12,222222222222,222222222222",
      "--verbose",
      "--format",
      "json",
      "--region",
    ]);
    expect(parsed.kind).to.equal("usage-error");
    const text = (parsed as { problems: string[] }).problems.join("\n");
    expect(text).to.contain('unknown argument "--verbose"');
    expect(text).to.contain("--format is given more than once");
    expect(text).to.contain("--region needs a value");
    expect(text).to.contain('concurrency must be a whole number from 1 to 64, got "0x10"');
    expect(text).to.contain('format must be one of table, json, csv, got "yaml"');
    expect(text).to.contain('accounts[0] must be a 12-digit AWS account ID, got "12"');
    expect(text).to.contain("accounts[2]: 222222222222 is listed more than once");
  });

  for (const [value, shown] of [
    ["0", "0"],
    ["65", "65"],
    ["-1", '"-1"'],
    ["1.5", '"1.5"'],
  ]) {
    it(`refuses --concurrency ${value}`, () => {
      const parsed = parseCommand(["audit", "--concurrency", value!]) as { problems: string[] };
      expect(parsed.problems).to.deep.equal([`concurrency must be a whole number from 1 to 64, got ${shown}`]);
    });
  }

  it("refuses another command", () => {
    expect(parseCommand(["delete"])).to.deep.equal({
      kind: "usage-error",
      problems: ['unknown command "delete"; the commands are "audit", "locked" and "unlock"'],
    });
  });
});

const AUDIT: RootCredentialsAudit = {
  organizationId: "o-a1b2c3d4e5",
  accounts: [
    {
      accountId: "222222222222",
      name: 'team "a", west',
      credentials: {
        password: true,
        accessKeys: [
          { id: "AKIAEXAMPLE000000001", lastUsed: { date: "2026-11-01T00:00:00.000Z", service: "s3", region: "us-east-1" } },
        ],
        signingCertificates: [],
        mfaDevices: [],
      },
    },
    {
      accountId: "555555555555",
      name: "clean",
      credentials: { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] },
    },
    {
      accountId: "666666666666",
      error: { name: "ServiceControlPolicyDeniedError", message: "denied\n\u001b[1;32m info: all good" },
    },
  ],
  summary: { accounts: 3, audited: 2, clean: 1, withRootCredentials: 1, failed: 1, notAudited: 0 },
  exitCode: 2,
};

describe("the audit report", () => {
  it("renders CSV with quoted cells and escaped control characters, one row per account", () => {
    const lines = renderAudit(AUDIT, "csv").trimEnd().split("\n");
    expect(lines).to.have.length(4);
    expect(lines[0]).to.equal("account,name,status,password,login profile,access keys,signing certificates,MFA devices,error");
    expect(lines[1]).to.equal(
      '222222222222,"team ""a"", west",root credentials,yes,,AKIAEXAMPLE000000001 (last used 2026-11-01T00:00:00.000Z s3 us-east-1),,,',
    );
    expect(lines[3]).to.contain("error").and.contain("\\u001b[1;32m").and.not.contain("\u001b");
  });

  it("renders JSON that parses back to the audit", () => {
    expect(JSON.parse(renderAudit(AUDIT, "json"))).to.deep.equal(AUDIT);
  });

  it("renders a table with a summary line and no raw control character", () => {
    const table = renderAudit(AUDIT, "table");
    expect(table).to.contain(
      "o-a1b2c3d4e5: 3 accounts: 2 audited (1 clean, 1 with root credentials), 1 failed, 0 not audited (not ACTIVE).",
    );
    expect(table).to.not.contain("\u001b");
  });
});

describe("root credentials as data", () => {
  it("lists what is present of the kinds asked for, with masked key IDs", () => {
    const found = {
      password: true,
      accessKeys: [{ id: "AKIAEXAMPLE00000XYZ1" }],
      signingCertificates: ["CERT1"],
      mfaDevices: ["arn:mfa"],
    };
    expect(presentCredentials(found, ["accessKeys", "mfaDevices"]).map((c) => c.label)).to.deep.equal([
      "root access key AKIA…XYZ1",
      "root MFA device arn:mfa",
    ]);
    expect(presentCredentials(found).map((c) => c.kind)).to.deep.equal([
      "password",
      "accessKeys",
      "signingCertificates",
      "mfaDevices",
    ]);
  });

  it("runs at most `limit` tasks at once and keeps the order of the results", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (ms, i) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running -= 1;
      return i;
    });
    expect(results).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(peak).to.equal(2);
  });
});
