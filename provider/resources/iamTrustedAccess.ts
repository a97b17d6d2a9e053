import type * as pulumi from "@pulumi/pulumi";
import iamTrustedAccessProvider from "../providers/IamTrustedAccess";
import { RootAccessResource } from "./rootAccessResource";
import type { ConnectionArgs } from "./connectionArgs";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link IamTrustedAccess}. */
export interface IamTrustedAccessArgs extends ConnectionArgs {
  /**
   * Disable trusted access for IAM when this resource is deleted. Off by default: disabling it breaks centralized
   * root access for the whole organization, so by default delete leaves it on and says so.
   */
  disableOnDelete?: pulumi.Input<boolean>;
}

/**
 * Enables trusted access for IAM (`iam.amazonaws.com`) in AWS Organizations, the prerequisite of centralized root
 * access, with `EnableAWSServiceAccess`. It touches no other service principal, adopts trusted access that is already
 * on, and shows it switched off as drift. Needs management-account credentials and an all-features organization.
 * The resource ID is the organization ID.
 *
 * @example
 * new IamTrustedAccess("iam-trusted-access");
 */
export class IamTrustedAccess extends RootAccessResource {
  /** The organization, as AWS Organizations reports it. */
  declare public readonly organizationId: pulumi.Output<string>;
  /** Whether trusted access for IAM is on (after `pulumi refresh`, the live value). */
  declare public readonly enabled: pulumi.Output<boolean>;

  constructor(name: string, args: IamTrustedAccessArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      iamTrustedAccessProvider,
      "IamTrustedAccess",
      name,
      itemsOf("IamTrustedAccess", undefined, name),
      { organizationId: undefined, enabled: undefined, ...args },
      opts,
    );
  }
}
