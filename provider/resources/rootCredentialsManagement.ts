import type * as pulumi from "@pulumi/pulumi";
import rootCredentialsManagementProvider from "../providers/RootCredentialsManagement";
import { FeatureResource } from "./rootAccessResource";
import type { ConnectionArgs } from "./connectionArgs";
import type { AdoptionArgs } from "./adoptionArgs";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link RootCredentialsManagement}: only connection settings. */
export interface RootCredentialsManagementArgs extends ConnectionArgs, AdoptionArgs {
  /** How long create and update wait for IAM to see trusted access that was just enabled; 120 seconds by default. */
  propagationTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * Turns on the IAM centralized root access feature `RootCredentialsManagement` for an AWS Organization: root user
 * credentials of member accounts can then be removed and their recovery controlled centrally.
 *
 * Create calls `EnableOrganizationsRootCredentialsManagement` (or adopts the feature when it is already on);
 * delete calls `DisableOrganizationsRootCredentialsManagement`; preview and refresh read `ListOrganizationsFeatures`.
 * Same prerequisites and errors as {@link RootSessions}.
 *
 * @example
 * new RootCredentialsManagement("root-credentials");
 */
export class RootCredentialsManagement extends FeatureResource {
  constructor(name: string, args: RootCredentialsManagementArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      rootCredentialsManagementProvider,
      "RootCredentialsManagement",
      name,
      itemsOf("RootCredentialsManagement", undefined, name),
      args,
      opts,
    );
  }
}
