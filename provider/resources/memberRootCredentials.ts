import type * as pulumi from "@pulumi/pulumi";
import memberRootCredentialsProvider from "../providers/MemberRootCredentials";
import { RootAccessResource } from "./rootAccessResource";
import type { ConnectionArgs } from "./connectionArgs";
import type { CredentialKind } from "../core/rootCredentials";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link MemberRootCredentials}. */
export interface MemberRootCredentialsArgs extends ConnectionArgs {
  /** The 12-digit ID of the member account (never the management account). */
  accountId: pulumi.Input<string>;
  /**
   * The root credentials to remove and keep removed: any of `"password"` (the login profile), `"accessKeys"`,
   * `"signingCertificates"`, `"mfaDevices"`. All four by default (the other three with `allowPasswordRecovery`); an
   * empty list only watches.
   */
  remove?: pulumi.Input<pulumi.Input<CredentialKind>[]>;
  /**
   * Keep a password-less login profile, so the account's owner can use "forgot password" to recover the root
   * user. False by default. Needs both features, `RootCredentialsManagement` and `RootSessions`: password recovery
   * is a root credential task and a privileged root action. With it, `remove` defaults to the other three kinds; an
   * explicit `remove` that lists `"password"` is refused in `check`.
   */
  allowPasswordRecovery?: pulumi.Input<boolean>;
  /**
   * Set by `OrganizationRootCredentials` on the resources it declares, so that a preview audits its accounts
   * together; leave it unset. It never causes a change.
   */
  auditTogether?: { accountIds?: string[]; excludeAccountIds?: string[] };
}

/**
 * A member account's root user credentials, as code: every preview audits them through a short root session
 * (STS AssumeRoot with `IAMAuditRootUserCredentials`), so a credential that reappears shows as drift naming the
 * account; create and update delete what `remove` names through an `IAMDeleteRootUserCredentials` session (MFA
 * devices are deactivated); `allowPasswordRecovery` creates a password-less login profile through
 * `IAMCreateRootUserPassword`. Delete changes nothing, because deleted credentials cannot be restored.
 *
 * Needs centralized root access with `RootCredentialsManagement` (and `RootSessions` too for password recovery), and
 * the management account's or the IAM delegated administrator's credentials. The resource ID is the account ID; the
 * `import` option takes it too, and refuses (changing nothing) while the root user has a credential `remove` names.
 *
 * @example
 * new MemberRootCredentials("workloads-root", { accountId: "222222222222" });
 */
export class MemberRootCredentials extends RootAccessResource {
  declare public readonly accountId: pulumi.Output<string>;
  /** A root password is set. */
  declare public readonly password: pulumi.Output<boolean>;
  /** With `allowPasswordRecovery`: the root user has a login profile (so "forgot password" works). */
  declare public readonly loginProfile: pulumi.Output<boolean | undefined>;
  /** Root access keys still present, their IDs masked ("AKIA…XYZ1"). */
  declare public readonly accessKeys: pulumi.Output<string[]>;
  declare public readonly signingCertificates: pulumi.Output<string[]>;
  /** Serial numbers of the root user's MFA devices still assigned. */
  declare public readonly mfaDevices: pulumi.Output<string[]>;
  /** How many root credentials are present (the password counts as one). */
  declare public readonly credentialCount: pulumi.Output<number>;

  constructor(name: string, args: MemberRootCredentialsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      memberRootCredentialsProvider,
      "MemberRootCredentials",
      name,
      itemsOf("MemberRootCredentials", args.accountId, name),
      {
        password: undefined,
        loginProfile: undefined,
        accessKeys: undefined,
        signingCertificates: undefined,
        mfaDevices: undefined,
        credentialCount: undefined,
        ...args,
      },
      opts,
    );
  }
}
