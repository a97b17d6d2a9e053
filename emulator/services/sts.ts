/**
 * The slice of STS that credential chains use: AssumeRole (for a provider's `roleArn`) and GetCallerIdentity.
 * Minted keys are recorded as temporary keys of the role's account, so later calls act as that account.
 */
import { randomBytes } from "node:crypto";
import { AwsError } from "../awsError";
import type { Handler } from "./handler";

export const STS_VERSION = "2011-06-15";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

function token(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export const STS_OPERATIONS: Record<string, Handler> = {
  GetCallerIdentity(_world, caller) {
    return { UserId: caller.accessKeyId, Account: caller.accountId, Arn: `arn:aws:iam::${caller.accountId}:user/emulated` };
  },

  AssumeRole(world, _caller, input) {
    const roleArn = typeof input.RoleArn === "string" ? input.RoleArn : "";
    const sessionName = typeof input.RoleSessionName === "string" ? input.RoleSessionName : "";
    const m = ROLE_ARN.exec(roleArn);
    if (!m) throw new AwsError("ValidationError", "1 validation error detected: Value at 'roleArn' failed to satisfy constraint");
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsError(
        "ValidationError",
        "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint",
      );
    }
    const accountId = m[1]!;
    if (!world.account(accountId)) {
      throw new AwsError("AccessDenied", `Not authorized to perform sts:AssumeRole on resource ${roleArn}`, 403);
    }
    const accessKeyId = "ASIA" + token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    world.state.accessKeys.push({ accessKeyId, accountId, temporary: true });
    const roleName = m[2]!.split("/").pop()!;
    const secretAccessKey = token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    const sessionToken = token("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 120);
    world.mintedSecrets.push(accessKeyId, secretAccessKey, sessionToken);
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: secretAccessKey,
        SessionToken: sessionToken,
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      },
      AssumedRoleUser: {
        AssumedRoleId: `AROA${token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)}:${sessionName}`,
        Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      },
    };
  },
};
