import type * as pulumi from "@pulumi/pulumi";
import iamDelegatedAdministratorProvider from "../providers/IamDelegatedAdministrator";
import { RootAccessResource } from "./rootAccessResource";
import type { ConnectionArgs } from "./connectionArgs";
import type { AdoptionArgs } from "./adoptionArgs";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link IamDelegatedAdministrator}. */
export interface IamDelegatedAdministratorArgs extends ConnectionArgs, AdoptionArgs {
  /** The 12-digit ID of the member account to register (never the management account). */
  accountId: pulumi.Input<string>;
}

/**
 * Registers a member account as the IAM delegated administrator (`RegisterDelegatedAdministrator` for
 * `iam.amazonaws.com`), so it can run centralized root access tasks without management-account credentials.
 * Requires IAM trusted access ({@link IamTrustedAccess}). The resource ID is the organization ID, and every
 * operation acts on the account held in state. Adopts an existing registration of the same account. Changing
 * `accountId` registers the new account, then deregisters the old one; when IAM accepts no further delegated
 * administrator, it deregisters the old account first, says so, and registers the old account again if the new one
 * cannot be registered. Delete deregisters.
 *
 * Errors: {@link ManagementAccountAsDelegatedAdministratorError} for the management account,
 * {@link AccountNotInOrganizationError} for an account outside the organization,
 * {@link ServiceAccessNotEnabledError} when IAM trusted access is off.
 *
 * @example
 * new IamDelegatedAdministrator("security-account", { accountId: "123456789012" });
 */
export class IamDelegatedAdministrator extends RootAccessResource {
  /** The registered account. */
  declare public readonly accountId: pulumi.Output<string>;
  /** The organization the account belongs to. */
  declare public readonly organizationId: pulumi.Output<string>;
  /** Whether the account is registered (after `pulumi refresh`, the live value). */
  declare public readonly registered: pulumi.Output<boolean>;

  constructor(name: string, args: IamDelegatedAdministratorArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      iamDelegatedAdministratorProvider,
      "IamDelegatedAdministrator",
      name,
      itemsOf("IamDelegatedAdministrator", undefined, name),
      // Every output is named here: `get` passes no args, and only named properties become outputs.
      { organizationId: undefined, registered: undefined, ...args, accountId: args.accountId },
      opts,
    );
  }
}
