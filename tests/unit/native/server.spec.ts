/**
 * The native face's gRPC methods, called in-process with the protocol's own messages: the shared bad-input table
 * through its check, and secrets kept marked.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NativeProvider } from "../../../provider/native/server";
import { fromStruct, provproto, toStruct } from "../../../provider/native/protocol";
import { tokenOf } from "../../../provider/native/tokens";
import { BAD_INPUTS, RESTORED_BY_THE_NATIVE_FACE } from "../../badInputs";

const SCHEMA = readFileSync(join(__dirname, "..", "..", "..", "schema.json"), "utf8");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "o-a1b2c3d4e5" };

function urn(kind: string, name = "subject"): string {
  return `urn:pulumi:unit::project::${tokenOf(kind)}::${name}`;
}

/** Calls one gRPC method of the provider as the engine would, with no engine to log to. */
function call<R>(method: string, request: unknown): Promise<R> {
  const handler = new NativeProvider(undefined, SCHEMA).handlers()[method]!;
  return new Promise((resolve, reject) =>
    handler({ request } as never, (error: Error | null, value?: unknown) => (error ? reject(error) : resolve(value as R))),
  );
}

async function check(kind: string, news: Record<string, unknown>): Promise<provproto.CheckResponse> {
  const req = new provproto.CheckRequest();
  req.setUrn(urn(kind));
  req.setOlds(toStruct({}));
  req.setNews(toStruct(news));
  return call<provproto.CheckResponse>("check", req);
}

describe("the native provider's check", () => {
  for (const { title, kind, inputs, property, reason } of BAD_INPUTS) {
    if (RESTORED_BY_THE_NATIVE_FACE.has(title)) {
      it(`restores ${title} to its 12 digits instead of refusing it`, async () => {
        const resp = await check(kind, inputs);
        expect(resp.getFailuresList()).to.deep.equal([]);
        expect(fromStruct(resp.getInputs())[property]).to.equal(String(inputs[property]).padStart(12, "0"));
      });
      continue;
    }
    it(`rejects ${title}, naming ${property}, as the dynamic face does`, async () => {
      const failures = (await check(kind, inputs))
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      const match = failures.find((f) => f.property === property);
      expect(match, JSON.stringify(failures)).to.not.equal(undefined);
      expect(match!.reason).to.match(reason);
    });
  }

  it("returns the inputs as they came, a secret still marked", async () => {
    const resp = await check("RootSessions", { organizationId: SECRET });
    expect(resp.getFailuresList()).to.deep.equal([]);
    expect(fromStruct(resp.getInputs())).to.deep.equal({ organizationId: SECRET });
  });

  it("refuses a type token the package does not have", async () => {
    const error = await check("NoSuchKind", {}).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.contain("aws-root-access has no resource type aws-root-access:index:NoSuchKind");
  });
});

describe("account IDs a YAML program turned into numbers (pulumi/pulumi-yaml#577)", () => {
  it("are restored to their 12 digits, leading zeros included, and pass check", async () => {
    const resp = await check("MemberRootCredentials", { accountId: 12345678912 });
    expect(resp.getFailuresList()).to.deep.equal([]);
    expect(fromStruct(resp.getInputs())).to.deep.equal({ accountId: "012345678912" });
  });

  it("leave anything that cannot be an account ID to check's error", async () => {
    const failures = (await check("MemberRootCredentials", { accountId: 1.5 })).getFailuresList();
    expect(failures.map((f) => f.getProperty())).to.deep.equal(["accountId"]);
  });
});
