/**
 * The emulator's S3 and SQS, through the real JS SDK clients: buckets and queues of the seed, policies that lock
 * everyone out but the owner's root session, the task policies' limits, and errors as AWS sends them.
 */
import { expect } from "chai";
import { request } from "node:http";
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AssumeRootCommand } from "@aws-sdk/client-sts";
import { start } from "../../emulator";
import { DELEGATED_ADMIN, KEYS, MEMBER, lockedResourcesSeed, lockingPolicy, partialDenyPolicy, startEmulator } from "../fixtures";
import type { Clients, EmulatorFixture } from "../fixtures";

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; code?: string }> {
  const e = (await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: unknown) => err,
  )) as { name: string; message: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, ...(e.Code ? { code: e.Code } : {}) };
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** A failure while the request was still being written (a broken pipe), if any. */
  writeError?: string;
}

/**
 * A raw, signed-looking request (the emulator reads the credential scope, not the signature). With `chunks`, the
 * body is streamed bit by bit, and the answer waits for the whole body to be written, as a client that reads only
 * after sending does.
 */
function raw(
  url: string,
  options: {
    method: string;
    path: string;
    service: string;
    headers?: Record<string, string>;
    body?: string;
    chunks?: { count: number; size: number };
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answer: Omit<RawAnswer, "writeError"> | undefined;
    let written = false;
    let writeError: string | undefined;
    const settle = (): void => {
      if (answer && (written || writeError)) resolve({ ...answer, ...(writeError ? { writeError } : {}) });
    };
    const req = request(
      `${url}${options.path}`,
      {
        method: options.method,
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${KEYS.member}/20260101/us-east-1/${options.service}/aws4_request, SignedHeaders=host, Signature=00`,
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => {
          answer = { status: res.statusCode ?? 0, headers: res.headers, body };
          settle();
        });
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      writeError = e.code ?? e.message;
      if (answer) settle();
      else if (!options.chunks) reject(e);
      else resolve({ status: 0, headers: {}, body: "", writeError });
    });
    if (!options.chunks) {
      written = true;
      return void req.end(options.body);
    }
    let left = options.chunks.count;
    const write = (): void => {
      if (left-- === 0) {
        req.end(() => {
          written = true;
          settle();
        });
        return;
      }
      req.write(Buffer.alloc(options.chunks!.size, "a"), (e) => (e ? undefined : setTimeout(write, 5)));
    };
    write();
  });
}

describe("emulator: S3 and SQS (real SDK)", () => {
  let fx: EmulatorFixture;
  let member: Clients;
  beforeEach(async () => {
    fx = await startEmulator({ seed: lockedResourcesSeed() });
    member = fx.clientsFor(KEYS.member);
  });
  afterEach(async () => fx.close());

  /** Clients signing with a root session in the member account, for a task. */
  async function rootSession(task: string, account = MEMBER): Promise<Clients> {
    const { Credentials } = await fx
      .clientsFor(KEYS.management)
      .sts.send(
        new AssumeRootCommand({ TargetPrincipal: account, TaskPolicyArn: { arn: `arn:aws:iam::aws:policy/root-task/${task}` } }),
      );
    return fx.clientsWith(Credentials);
  }

  describe("S3, path-style", () => {
    it("lists the caller's own account's buckets, with their regions", async () => {
      const { Buckets } = await member.s3.send(new ListBucketsCommand({}));
      expect(Buckets?.map((b) => [b.Name, b.BucketRegion])).to.deep.equal([
        ["member-locked-bucket", "us-east-1"],
        ["member-open-bucket", "eu-west-1"],
        ["member-partly-denied-bucket", "us-east-1"],
      ]);
    });

    it("answers NoSuchBucket and NoSuchBucketPolicy (404), and AccessDenied (403) for another account's bucket", async () => {
      expect(await errorOf(member.s3.send(new GetBucketPolicyCommand({ Bucket: "no-such-bucket" })))).to.include({
        name: "NoSuchBucket",
        status: 404,
      });
      expect(await errorOf(member.s3.send(new GetBucketPolicyCommand({ Bucket: "member-open-bucket" })))).to.include({
        name: "NoSuchBucketPolicy",
        status: 404,
      });
      expect(await errorOf(member.s3.send(new GetBucketPolicyCommand({ Bucket: "security-locked-bucket" })))).to.include({
        name: "AccessDenied",
        status: 403,
      });
      expect(await errorOf(member.s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })))).to.include({ status: 404 });
    });

    it("locks a bucket whose policy denies everyone, even against the owning account's own keys", async () => {
      for (const command of [
        new GetBucketPolicyCommand({ Bucket: "member-locked-bucket" }),
        new DeleteBucketPolicyCommand({ Bucket: "member-locked-bucket" }),
        new PutBucketPolicyCommand({ Bucket: "member-locked-bucket", Policy: partialDenyPolicy("s3") }),
      ]) {
        const err = await errorOf(member.s3.send(command as GetBucketPolicyCommand));
        expect(err).to.include({ name: "AccessDenied", status: 403 });
        expect(err.message).to.contain("with an explicit deny in a resource-based policy");
      }
      // A policy that denies one principal locks nobody else out.
      const { Policy } = await member.s3.send(new GetBucketPolicyCommand({ Bucket: "member-partly-denied-bucket" }));
      expect(Policy).to.equal(partialDenyPolicy("s3"));
    });

    it("lets the owner's root session (S3UnlockBucketPolicy) read and delete the policy, and nothing else", async () => {
      const root = await rootSession("S3UnlockBucketPolicy");
      expect((await root.s3.send(new GetBucketPolicyCommand({ Bucket: "member-locked-bucket" }))).Policy).to.equal(
        lockingPolicy("s3"),
      );
      expect(
        (await root.s3.send(new DeleteBucketPolicyCommand({ Bucket: "member-locked-bucket" }))).$metadata.httpStatusCode,
      ).to.equal(204);
      expect(await errorOf(member.s3.send(new GetBucketPolicyCommand({ Bucket: "member-locked-bucket" })))).to.include({
        name: "NoSuchBucketPolicy",
      });
      // Outside its task: HeadBucket (s3:ListBucket), SQS, IAM.
      expect(await errorOf(root.s3.send(new HeadBucketCommand({ Bucket: "member-open-bucket" })))).to.include({ status: 403 });
      expect(await errorOf(root.sqs.send(new ListQueuesCommand({})))).to.include({ name: "AccessDenied", status: 403 });
      // Another account's root session reaches only its own buckets.
      const other = await rootSession("S3UnlockBucketPolicy", DELEGATED_ADMIN);
      expect(await errorOf(other.s3.send(new GetBucketPolicyCommand({ Bucket: "member-open-bucket" })))).to.include({
        name: "AccessDenied",
      });
    });

    it("sets a policy, refusing one that is not JSON with MalformedPolicy", async () => {
      await member.s3.send(new PutBucketPolicyCommand({ Bucket: "member-open-bucket", Policy: partialDenyPolicy("s3") }));
      expect((await member.s3.send(new GetBucketPolicyCommand({ Bucket: "member-open-bucket" }))).Policy).to.equal(
        partialDenyPolicy("s3"),
      );
      expect(
        await errorOf(member.s3.send(new PutBucketPolicyCommand({ Bucket: "member-open-bucket", Policy: "not json" }))),
      ).to.include({ name: "MalformedPolicy", status: 400 });
    });

    it("sends the request ID in x-amz-request-id on every answer, the same as <RequestId> in an error body", async () => {
      const ok = await raw(fx.emulator.url, { method: "GET", path: "/", service: "s3" });
      expect(ok.status).to.equal(200);
      expect(ok.headers["x-amz-request-id"]).to.match(/^[0-9a-f-]{36}$/);
      const missing = await raw(fx.emulator.url, { method: "GET", path: "/no-such-bucket?policy", service: "s3" });
      expect(missing.status).to.equal(404);
      expect(missing.body).to.contain("<Code>NoSuchBucket</Code>").and.contain("<BucketName>no-such-bucket</BucketName>");
      expect(missing.body).to.contain(`<RequestId>${String(missing.headers["x-amz-request-id"])}</RequestId>`);
    });
  });

  describe("SQS, JSON protocol", () => {
    it("lists the caller's queues by URL, <emulator URL>/<account>/<name>", async () => {
      const { QueueUrls } = await member.sqs.send(new ListQueuesCommand({}));
      expect(QueueUrls).to.deep.equal([
        `${fx.emulator.url}/${MEMBER}/member-locked-queue`,
        `${fx.emulator.url}/${MEMBER}/member-open-queue`,
      ]);
    });

    it("answers QueueDoesNotExist (400) in SQS's JSON shape, with its Query code, so the SDK throws its typed error", async () => {
      const err = await errorOf(member.sqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })));
      expect(err).to.include({ name: "QueueDoesNotExist", status: 400, code: "AWS.SimpleQueueService.NonExistentQueue" });
      const answer = await raw(fx.emulator.url, {
        method: "POST",
        path: "/",
        service: "sqs",
        headers: { "x-amz-target": "AmazonSQS.GetQueueUrl", "content-type": "application/x-amz-json-1.0" },
        body: JSON.stringify({ QueueName: "no-such-queue" }),
      });
      expect(JSON.parse(answer.body)).to.include({ __type: "com.amazonaws.sqs#QueueDoesNotExist" });
      expect(answer.headers["x-amzn-query-error"]).to.equal("AWS.SimpleQueueService.NonExistentQueue;Sender");
      expect(answer.headers["x-amzn-requestid"]).to.match(/^[0-9a-f-]{36}$/);
    });

    it("locks a queue whose policy denies everyone, and lets the owner's root session (SQSUnlockQueuePolicy) unlock it", async () => {
      const url = `${fx.emulator.url}/${MEMBER}/member-locked-queue`;
      expect(await errorOf(member.sqs.send(new GetQueueUrlCommand({ QueueName: "member-locked-queue" })))).to.include({
        name: "AccessDenied",
        status: 403,
      });
      expect(
        await errorOf(member.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }))),
      ).to.include({ name: "AccessDenied" });
      const root = await rootSession("SQSUnlockQueuePolicy");
      // Emulator choice: the owner's root session may look the locked queue up by name.
      expect((await root.sqs.send(new GetQueueUrlCommand({ QueueName: "member-locked-queue" }))).QueueUrl).to.equal(url);
      const { Attributes } = await root.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }));
      expect(Attributes?.Policy).to.equal(lockingPolicy("sqs"));
      await root.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: "" } }));
      const after = await member.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
      expect(after.Attributes).to.deep.equal({ QueueArn: `arn:aws:sqs:us-east-1:${MEMBER}:member-locked-queue` });
      // Outside its task: S3.
      expect(await errorOf(root.s3.send(new ListBucketsCommand({})))).to.include({ name: "AccessDenied", status: 403 });
    });
  });

  describe("seeds and requests", () => {
    it("refuses a seed that names one bucket in two accounts", async () => {
      const seed = lockedResourcesSeed();
      const accounts = seed.accounts as Array<Record<string, unknown>>;
      accounts.find((a) => a.id === DELEGATED_ADMIN)!.s3Buckets = [{ name: "member-open-bucket" }];
      const err = await start({ seed }).then(
        () => new Error("started"),
        (e: Error) => e,
      );
      expect(err.message).to.contain("bucket member-open-bucket is listed more than once");
    });

    it("answers 413 to a body over the limit while the client is still sending it, not a broken pipe", async () => {
      const answer = await raw(fx.emulator.url, {
        method: "POST",
        path: "/",
        service: "iam",
        headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
        chunks: { count: 25, size: 8 * 1024 },
      });
      expect(answer.writeError, "the client could send its whole body").to.equal(undefined);
      expect(answer.status).to.equal(413);
    });
  });
});
