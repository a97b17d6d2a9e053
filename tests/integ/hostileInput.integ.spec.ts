/**
 * Hostile input on the provider's side (what users run against AWS), through the real AWS SDK: an endpoint that
 * echoes the signed request into its error message, error codes that name Object.prototype members, and control
 * characters in echoed values.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { createAwsApi } from "../../provider/aws";
import { AwsRequestError, RootAccessError, mapAwsError, printable, redact } from "../../provider/errors";
import { providerFor } from "../providers";

const SECRET = "hostileSecretAccessKeyValue0123456789abcd";
const TOKEN = "hostileSessionToken/ZZZ+0123456789abcdefghijklmnop==";
const KEY_ID = "ASIAHOSTILEPROFILE01";

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Answers every request with AccessDenied whose message is the request's headers, as a careless proxy might. */
async function echoingEndpoint(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const echoed = Object.entries(req.headers)
        .map(([k, v]) => `${k}:${String(v)}`)
        .join("\n");
      res.writeHead(403, { "content-type": "text/xml" });
      res.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xmlEscape(`denied; request was\n${echoed}\n${SECRET}`)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("hostile input on the provider's side", () => {
  describe("an endpoint that echoes the signed request, with credentials that never were environment variables", () => {
    let endpoint: Awaited<ReturnType<typeof echoingEndpoint>>;
    let dir: string;
    const saved = { ...process.env };
    before(async () => {
      endpoint = await echoingEndpoint();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
      const processScript = path.join(dir, "creds.js");
      fs.writeFileSync(
        processScript,
        `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(KEY_ID)}, SecretAccessKey: ${JSON.stringify(SECRET)}, SessionToken: ${JSON.stringify(TOKEN)} }));`,
      );
      fs.writeFileSync(
        path.join(dir, "credentials"),
        `[with-token]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`,
      );
      fs.writeFileSync(
        path.join(dir, "config"),
        `[profile sso-like]\ncredential_process = ${process.execPath} ${processScript}\nregion = us-east-1\n[profile with-token]\nregion = us-east-1\n`,
      );
      for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) delete process.env[k];
      process.env.AWS_CONFIG_FILE = path.join(dir, "config");
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "credentials");
      process.env.AWS_ENDPOINT_URL_IAM = endpoint.url;
      process.env.AWS_ENDPOINT_URL = endpoint.url;
    });
    after(async () => {
      process.env = saved;
      await endpoint.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const profile of ["with-token", "sso-like"]) {
      it(`keeps the key ID, secret and session token of profile "${profile}" out of the error message`, async () => {
        const api = createAwsApi({ profile, region: "us-east-1" });
        const raw = await api.iam.listFeatures().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(raw, "the endpoint refuses every call").to.not.equal(undefined);
        const message = mapAwsError(raw, { action: "list the features" }).message;
        expect(message).to.contain("x-amz-security-token:[redacted]");
        expect(message).to.contain("denied; request was");
        for (const secret of [SECRET, TOKEN, KEY_ID]) expect(message).to.not.contain(secret);
        expect((raw as Error).message).to.not.contain(TOKEN);
      });
    }
  });

  describe("redaction of key IDs", () => {
    it("matches key IDs glued to other characters and every documented prefix", () => {
      const text =
        "userAKIAIOSFODNN7EXAMPLE _ASIAIOSFODNN7EXAMPLE_ ABIAIOSFODNN7EXAMPLE ACCAIOSFODNN7EXAMPLE AIPAIOSFODNN7EXAMPLE";
      const out = redact(text);
      expect(out).to.not.match(/(AKIA|ASIA|ABIA|ACCA|AIPA)IOSFODNN7/);
      expect(out.match(/\[redacted key id\]/g)).to.have.length(5);
    });

    it("redacts any x-amz-security-token value, in headers and in query strings", () => {
      expect(redact("x-amz-security-token:abc/def==\nhost:x")).to.equal("x-amz-security-token:[redacted]\nhost:x");
      expect(redact("?X-Amz-Security-Token=abc%2Fdef&X-Amz-Date=1")).to.equal("?X-Amz-Security-Token=[redacted]&X-Amz-Date=1");
    });
  });

  describe("AWS error codes that name members of Object.prototype", () => {
    for (const code of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      it(`maps an error named ${JSON.stringify(code)} to AwsRequestError with its message`, () => {
        const err = Object.assign(new Error("odd answer"), { name: code, Reason: code });
        const mapped = mapAwsError(err, { action: "list the features" });
        expect(mapped).to.be.instanceOf(AwsRequestError);
        expect(mapped.message).to.be.a("string").and.to.contain("odd answer");
      });
    }
  });

  describe("control characters in echoed values", () => {
    const ESC = "\u001b";
    it("shows them escaped in an AWS error message", () => {
      const err = Object.assign(new Error(`bad\n${ESC}[1;32m info: pre-flight check passed`), { name: "Weird" });
      const message = mapAwsError(err, { action: "x" }).message;
      expect(message).to.not.contain(ESC).and.not.contain("\n");
      expect(message).to.contain("\\u001b[1;32m");
    });

    it("shows them escaped in an unknown property name", async () => {
      const failures = (await providerFor("RootSessions").check({}, { [`x\n${ESC}[1;32m info: ok`]: 1 })).failures ?? [];
      expect(failures).to.have.length(1);
      const text = `${failures[0]!.property} ${failures[0]!.reason}`;
      expect(text).to.not.contain(ESC).and.not.contain("\n");
      expect(text).to.contain("\\u001b");
    });

    for (const method of ["read", "diff", "delete"] as const) {
      it(`refuses a resource ID that is neither an organization nor an account ID in ${method}, escaped, before any AWS call`, async () => {
        const id = `o-a1b2c3d4e5\n${ESC}[1;32m info: pre-flight check passed`;
        const p = providerFor("RootSessions");
        const call = method === "read" ? p.read(id, {}) : method === "diff" ? p.diff(id, {}, {}) : p.delete(id, {});
        const err = await Promise.resolve(call).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(RootAccessError.is(err), String(err)).to.equal(true);
        const message = (err as Error).message;
        expect(message).to.match(/InvalidArgumentsError: .*resource ID must be an organization ID/);
        expect(message).to.not.contain(ESC).and.not.contain("\n");
      });
    }

    it("leaves ordinary text as it is", () => {
      expect(printable("222222222222: root access key AKIA…XYZ1 present")).to.equal(
        "222222222222: root access key AKIA…XYZ1 present",
      );
    });
  });
});
