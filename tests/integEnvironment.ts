/** For integration tests that run the provider in-process: the AWS environment the CLI would give it. */
import type { EmulatorFixture } from "./fixtures";
import { forgetClaims } from "../provider/core/claims";
import { forgetRunFacts } from "../provider/aws/runFacts";

/**
 * What a new `pulumi up` or `pulumi destroy` starts with (a new provider process): no resource of the deployment has
 * claimed anything yet, and no fact has been read.
 */
export function newDeployment(): void {
  forgetClaims();
  forgetRunFacts();
}

const AWS_ENV = [
  "AWS_ENDPOINT_URL_IAM",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_ORGANIZATIONS",
  "AWS_ENDPOINT_URL_S3",
  "AWS_ENDPOINT_URL_SQS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
];

/** Points the AWS SDK's default chain at the emulator for the duration of a suite, as the CLI's environment would. */
export function useEmulatorEnvironment(getFx: () => EmulatorFixture, accessKeyId?: () => string): void {
  const saved: Record<string, string | undefined> = {};
  before(() => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    const fx = getFx();
    process.env.AWS_ENDPOINT_URL_IAM = fx.emulator.url;
    process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = fx.emulator.url;
    process.env.AWS_ENDPOINT_URL_STS = fx.emulator.url;
    process.env.AWS_ENDPOINT_URL_S3 = fx.emulator.url;
    process.env.AWS_ENDPOINT_URL_SQS = fx.emulator.url;
    process.env.AWS_ACCESS_KEY_ID = accessKeyId ? accessKeyId() : fx.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = fx.credentials.secretAccessKey;
    process.env.AWS_REGION = "us-east-1";
    process.env.AWS_CONFIG_FILE = "/nonexistent/aws-config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/aws-credentials";
    delete process.env.AWS_PROFILE;
  });
  after(() => {
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
}

export { muted } from "../harness/stdout";
