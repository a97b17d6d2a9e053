import { expect } from "chai";
import { parseCommand } from "../../../provider/cli/args";
import { BREAK_GLASS_BAD_INPUTS } from "../../breakGlassBadInputs";
import { MEMBER } from "../../fixtures";

describe("the locked and unlock command lines", () => {
  it("parses locked like audit, and unlock s3 and sqs with their flags", () => {
    expect(parseCommand(["locked", "--accounts", MEMBER, "--format=json", "--region", "eu-west-1"])).to.deep.equal({
      kind: "locked",
      format: "json",
      options: { accounts: [MEMBER], region: "eu-west-1" },
    });
    expect(
      parseCommand(["unlock", "s3", "--account", MEMBER, "--bucket", "logs", "--save-policy", "p.json", "--yes"]),
    ).to.deep.equal({
      kind: "unlock",
      service: "s3",
      options: { accountId: MEMBER, bucket: "logs" },
      savePolicy: "p.json",
      yes: true,
    });
    expect(parseCommand(["unlock", "sqs", "--account", MEMBER, "--queue=orders.fifo", "--profile", "mgmt"])).to.deep.equal({
      kind: "unlock",
      service: "sqs",
      options: { accountId: MEMBER, queue: "orders.fifo", profile: "mgmt" },
      yes: false,
    });
  });

  for (const row of BREAK_GLASS_BAD_INPUTS)
    it(`refuses ${row.title}`, () => {
      const parsed = parseCommand(row.argv);
      expect(parsed.kind).to.equal("usage-error");
      expect((parsed as { problems: string[] }).problems.join("\n")).to.match(row.reason);
    });
});
