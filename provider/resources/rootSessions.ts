import type * as pulumi from "@pulumi/pulumi";
import rootSessionsProvider from "../providers/RootSessions";
import { FeatureResource } from "./rootAccessResource";
import type { ConnectionArgs } from "./connectionArgs";
import type { AdoptionArgs } from "./adoptionArgs";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link RootSessions}: only connection settings, since the resource manages one fixed feature. */
export interface RootSessionsArgs extends ConnectionArgs, AdoptionArgs {
  /** How long create and update wait for IAM to see trusted access that was just enabled; 120 seconds by default. */
  propagationTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * Turns on the IAM centralized root access feature `RootSessions` for an AWS Organization: the management account
 * (or IAM delegated administrator) can then take short-lived root sessions in member accounts for privileged tasks.
 *
 * Create calls `EnableOrganizationsRootSessions` (or adopts the feature when it is already on, without changing
 * anything); delete calls `DisableOrganizationsRootSessions`; preview and refresh call `ListOrganizationsFeatures`,
 * so a feature switched off outside Pulumi shows as drift. The resource ID is the organization ID.
 *
 * Prerequisites: management-account credentials, an organization with all features enabled, and IAM trusted access
 * (`aws organizations enable-aws-service-access --service-principal iam.amazonaws.com`). Each missing prerequisite
 * fails with a typed error ({@link ServiceAccessNotEnabledError}, …) that names the fix.
 *
 * @example
 * new RootSessions("root-sessions", { organizationId: "o-a1b2c3d4e5" });
 */
export class RootSessions extends FeatureResource {
  constructor(name: string, args: RootSessionsArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(rootSessionsProvider, "RootSessions", name, itemsOf("RootSessions", undefined, name), args, opts);
  }
}
