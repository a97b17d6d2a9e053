import type * as pulumi from "@pulumi/pulumi";
import { FeatureResource } from "./featureResource";
import type { ConnectionArgs } from "./resourceArgs";

/** Arguments of {@link RootCredentialsManagement}: only connection settings. */
export interface RootCredentialsManagementArgs extends ConnectionArgs {
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
    super("RootCredentialsManagement", name, ["RootCredentialsManagement"], args, opts);
  }

  /** Reads the feature of an existing organization without managing it (no change is ever made). */
  static get(name: string, organizationId: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): RootCredentialsManagement {
    return new RootCredentialsManagement(name, {}, { ...opts, id: organizationId });
  }
}
