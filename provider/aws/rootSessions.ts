/**
 * Privileged root sessions in member accounts (STS AssumeRoot) and the calls made in them: IAM for the root
 * credential tasks, S3 and SQS for the unlock tasks. A session's credentials exist only inside `withRootSession`:
 * they are never returned, logged or kept, each session serves one account and one task, and a failure's message is
 * scrubbed of them before it leaves.
 */
import {
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from "@aws-sdk/client-iam";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { isNoSuchBucketPolicy, isNoSuchEntity, scrubSecrets } from "../errors";
import type { BucketPolicyApi, QueuePolicyApi, RootSessionsApi, RootTask, RootUserApi, TaskApis } from "./api";
import { readAllPages } from "./pagination";
import { lazyClient, sharedClientConfig } from "./connection";
import { readAccountSummary } from "./iam";
import type { Iam } from "./iam";
import type { ConnectionSettings } from "./connection";

export const ROOT_TASK_POLICY_PREFIX = "arn:aws:iam::aws:policy/root-task/";

/**
 * Five minutes: a session serves one account's few calls, but the SDK's retries on throttling (up to six attempts
 * with backoff) must fit in it. AWS allows at most fifteen.
 */
export const ROOT_SESSION_SECONDS = 300;

function rootUserApi(iam: Iam): RootUserApi {
  return {
    summary: () => readAccountSummary(iam),
    async loginProfileExists() {
      try {
        await iam.send(new GetLoginProfileCommand({}));
        return true;
      } catch (e) {
        if (isNoSuchEntity(e)) return false;
        throw e;
      }
    },
    async createLoginProfile() {
      await iam.send(new CreateLoginProfileCommand({}));
    },
    async deleteLoginProfile() {
      await iam.send(new DeleteLoginProfileCommand({}));
    },
    async accessKeys() {
      return ((await iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? "");
    },
    async accessKeyLastUsed(AccessKeyId) {
      const used = (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId }))).AccessKeyLastUsed;
      return used?.LastUsedDate
        ? { date: used.LastUsedDate.toISOString(), service: used.ServiceName ?? "", region: used.Region ?? "" }
        : undefined;
    },
    async deleteAccessKey(AccessKeyId) {
      await iam.send(new DeleteAccessKeyCommand({ AccessKeyId }));
    },
    async signingCertificates() {
      return ((await iam.send(new ListSigningCertificatesCommand({}))).Certificates ?? []).map((c) => c.CertificateId ?? "");
    },
    async deleteSigningCertificate(CertificateId) {
      await iam.send(new DeleteSigningCertificateCommand({ CertificateId }));
    },
    async mfaDevices() {
      return ((await iam.send(new ListMFADevicesCommand({}))).MFADevices ?? []).map((d) => d.SerialNumber ?? "");
    },
    async deactivateMfaDevice(SerialNumber) {
      await iam.send(new DeactivateMFADeviceCommand({ SerialNumber }));
    },
  };
}

// The S3 and SQS clients load only for their tasks: S3's alone takes longer to load than the rest of a provider.
type S3Module = typeof import("@aws-sdk/client-s3");
type SqsModule = typeof import("@aws-sdk/client-sqs");

function bucketPolicyApi(s3: S3Client, m: S3Module): BucketPolicyApi {
  return {
    listBuckets: () =>
      readAllPages("s3:ListBuckets", async (ContinuationToken) => {
        const page = await s3.send(new m.ListBucketsCommand({ ContinuationToken }));
        return {
          items: (page.Buckets ?? []).map((b) => ({ name: b.Name ?? "", region: b.BucketRegion ?? "" })),
          nextToken: page.ContinuationToken,
        };
      }),
    async bucketPolicy(Bucket) {
      try {
        return (await s3.send(new m.GetBucketPolicyCommand({ Bucket }))).Policy;
      } catch (e) {
        if (isNoSuchBucketPolicy(e)) return undefined;
        throw e;
      }
    },
    async deleteBucketPolicy(Bucket) {
      await s3.send(new m.DeleteBucketPolicyCommand({ Bucket }));
    },
  };
}

function queuePolicyApi(sqs: SQSClient, m: SqsModule): QueuePolicyApi {
  return {
    listQueues: () =>
      readAllPages("sqs:ListQueues", async (NextToken) => {
        const page = await sqs.send(new m.ListQueuesCommand({ MaxResults: 1000, NextToken }));
        return { items: page.QueueUrls ?? [], nextToken: page.NextToken };
      }),
    async queueUrl(QueueName) {
      return (await sqs.send(new m.GetQueueUrlCommand({ QueueName }))).QueueUrl ?? "";
    },
    async queuePolicy(QueueUrl) {
      const { Attributes } = await sqs.send(new m.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["Policy"] }));
      return Attributes?.Policy || undefined;
    },
    async removeQueuePolicy(QueueUrl) {
      await sqs.send(new m.SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: "" } }));
    },
  };
}

/** A session's client configuration: where STS was called, with the session's own credentials. */
type SessionConfig = Awaited<ReturnType<typeof sharedClientConfig>> & {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
};

/** The API a session of each task gets, over a client made for the session, and how to let the client go. */
type SessionOf<K extends RootTask> = (config: SessionConfig) => Promise<{ api: TaskApis[K]; destroy(): void }>;

const iamSession = async (config: SessionConfig): Promise<{ api: RootUserApi; destroy(): void }> => {
  const iam = new IAMClient(config);
  return { api: rootUserApi(iam), destroy: () => iam.destroy() };
};

const SESSIONS: { [K in RootTask]: SessionOf<K> } = {
  IAMAuditRootUserCredentials: iamSession,
  IAMDeleteRootUserCredentials: iamSession,
  IAMCreateRootUserPassword: iamSession,
  S3UnlockBucketPolicy: async (config) => {
    const m = await import("@aws-sdk/client-s3");
    // A bucket in another region answers a redirect; following it is what the console does.
    const s3 = new m.S3Client({ ...config, followRegionRedirects: true });
    return { api: bucketPolicyApi(s3, m), destroy: () => s3.destroy() };
  },
  SQSUnlockQueuePolicy: async (config) => {
    const m = await import("@aws-sdk/client-sqs");
    const sqs = new m.SQSClient(config);
    return { api: queuePolicyApi(sqs, m), destroy: () => sqs.destroy() };
  },
};

export function createRootSessionsApi(settings: ConnectionSettings): RootSessionsApi {
  const sts = lazyClient(settings, (config) => new STSClient(config));
  async function withRootSession<K extends RootTask, T>(
    accountId: string,
    task: K,
    work: (session: TaskApis[K]) => Promise<T>,
  ): Promise<T> {
    const assumed = await (
      await sts()
    )
      .send(
        new AssumeRootCommand({
          TargetPrincipal: accountId,
          TaskPolicyArn: { arn: `${ROOT_TASK_POLICY_PREFIX}${task}` },
          DurationSeconds: ROOT_SESSION_SECONDS,
        }),
      )
      .catch((e: unknown) => {
        throw Object.assign(e as object, { rootSession: { accountId, task, step: "AssumeRoot" } });
      });
    const c = assumed.Credentials;
    const secrets = [c?.AccessKeyId ?? "", c?.SecretAccessKey ?? "", c?.SessionToken ?? ""];
    // Where STS was called (the same region and profile resolution), with the session's own credentials.
    const session = await (SESSIONS[task] as SessionOf<K>)({
      ...(await sharedClientConfig(settings)),
      credentials: { accessKeyId: secrets[0]!, secretAccessKey: secrets[1]!, sessionToken: secrets[2]! },
    });
    try {
      return await work(session.api);
    } catch (e) {
      scrubSecrets(e, secrets);
      throw Object.assign(e as object, { rootSession: { accountId, task } });
    } finally {
      session.destroy();
    }
  }
  return { withRootSession };
}
