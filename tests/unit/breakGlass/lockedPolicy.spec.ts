import { expect } from "chai";
import { lockVerdict } from "../../../provider/breakGlass/lockedPolicy";

const doc = (...Statement: unknown[]): string => JSON.stringify({ Version: "2012-10-17", Statement });
const deny = (extra: Record<string, unknown>) => ({ Effect: "Deny", Principal: "*", Resource: "*", ...extra });

describe("when a resource policy locks its resource", () => {
  it("is locked when it denies every principal every action of the service", () => {
    expect(lockVerdict("s3", doc(deny({ Sid: "DenyAll", Action: "s3:*" })))).to.deep.equal({
      locked: true,
      statements: ["DenyAll"],
    });
    expect(lockVerdict("sqs", doc(deny({ Action: "*" })))).to.deep.equal({ locked: true, statements: ["Statement[0]"] });
  });

  it("is locked when the repair actions are denied to everyone, named or by wildcard, in one statement or several", () => {
    expect(lockVerdict("s3", doc(deny({ Action: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"] }))).locked).to.equal(true);
    expect(lockVerdict("s3", doc(deny({ Sid: "a", Action: "s3:Put*" }), deny({ Sid: "b", Action: "s3:delete*" })))).to.deep.equal(
      {
        locked: true,
        statements: ["a", "b"],
      },
    );
    expect(lockVerdict("sqs", doc(deny({ Principal: { AWS: "*" }, Action: "sqs:SetQueueAttributes" }))).locked).to.equal(true);
    expect(lockVerdict("s3", doc(deny({ Principal: { AWS: ["*"] }, NotAction: "s3:GetObject" }))).locked).to.equal(true);
    // A single statement, not in a list.
    expect(lockVerdict("s3", JSON.stringify({ Statement: deny({ Action: "s3:*" }) })).locked).to.equal(true);
  });

  it("is not locked when someone can still repair it", () => {
    // Only one of the two S3 repair actions: the other one still replaces or removes the policy.
    expect(lockVerdict("s3", doc(deny({ Action: "s3:DeleteBucketPolicy" }))).locked).to.equal(false);
    // Denies what is not a repair action.
    expect(lockVerdict("s3", doc(deny({ Action: "s3:GetObject" }))).locked).to.equal(false);
    expect(lockVerdict("s3", doc(deny({ NotAction: "s3:*Policy" }))).locked).to.equal(false);
    // Denies some principals only.
    expect(
      lockVerdict("sqs", doc(deny({ Principal: { AWS: "arn:aws:iam::222222222222:role/Intruder" }, Action: "sqs:*" }))).locked,
    ).to.equal(false);
    // A condition leaves someone out of the deny.
    expect(
      lockVerdict("s3", doc(deny({ Action: "s3:*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "222222222222" } } })))
        .locked,
    ).to.equal(false);
    // Allows, and a Deny of another service.
    expect(lockVerdict("s3", doc({ Effect: "Allow", Principal: "*", Action: "s3:*" }))).to.deep.equal({
      locked: false,
      statements: [],
    });
    expect(lockVerdict("sqs", doc(deny({ Action: "s3:*" }))).locked).to.equal(false);
  });

  it("is not locked with no policy, or one that is not JSON", () => {
    expect(lockVerdict("s3", undefined).locked).to.equal(false);
    expect(lockVerdict("s3", "").locked).to.equal(false);
    expect(lockVerdict("sqs", "{not json").locked).to.equal(false);
  });
});
