/**
 * Member-account root credentials as code: every ACTIVE member account's root user keeps no password, access key,
 * signing certificate or MFA device, and any that reappears shows as drift in a plain `pulumi preview`.
 *
 * Needs centralized root access with RootCredentialsManagement on (see examples/root-access), and the management
 * account's or the IAM delegated administrator's credentials.
 *
 * Config (all optional):
 *   excludeAccountIds      JSON list of member accounts to leave alone
 *   allowPasswordRecovery  true: keep a password-less login profile so owners can use "forgot password"
 *                          (the password itself is then not removed)
 */
import * as pulumi from "@pulumi/pulumi";
import { OrganizationRootCredentials } from "pulumi-aws-root-access";
import type { CredentialKind } from "pulumi-aws-root-access";

const config = new pulumi.Config();
const allowPasswordRecovery = config.getBoolean("allowPasswordRecovery") ?? false;
const remove: CredentialKind[] = allowPasswordRecovery
  ? ["accessKeys", "signingCertificates", "mfaDevices"]
  : ["password", "accessKeys", "signingCertificates", "mfaDevices"];

const rootCredentials = new OrganizationRootCredentials("root-credentials", {
  excludeAccountIds: config.getObject<string[]>("excludeAccountIds") ?? [],
  remove,
  allowPasswordRecovery,
});

export const memberAccounts = rootCredentials.accountIds;
