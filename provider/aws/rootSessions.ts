/**
 * Privileged root sessions in member accounts (STS AssumeRoot) and the IAM calls made in them. A session's
 * credentials exist only inside `withRootSession`: they are never returned, logged or kept, each session serves one
 * account and one task, and a failure's message is scrubbed of them before it leaves.
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
import { AssumeRootCommand, STSClient } from "@aws-sdk/client-sts";
import { isNoSuchEntity, scrubSecrets } from "../errors";
import type { RootSessionsApi, RootTask, RootUserApi } from "./api";
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

export function createRootSessionsApi(settings: ConnectionSettings): RootSessionsApi {
  const sts = lazyClient(settings, (config) => new STSClient(config));
  async function withRootSession<T>(accountId: string, task: RootTask, work: (root: RootUserApi) => Promise<T>): Promise<T> {
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
    const iam = new IAMClient({
      ...(await sharedClientConfig(settings)),
      credentials: { accessKeyId: secrets[0]!, secretAccessKey: secrets[1]!, sessionToken: secrets[2]! },
    });
    try {
      return await work(rootUserApi(iam));
    } catch (e) {
      scrubSecrets(e, secrets);
      throw Object.assign(e as object, { rootSession: { accountId, task } });
    } finally {
      iam.destroy();
    }
  }
  return { withRootSession };
}
