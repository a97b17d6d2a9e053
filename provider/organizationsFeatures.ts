import type * as pulumi from "@pulumi/pulumi";
import { FeatureResource } from "./featureResource";
import type { ConnectionArgs } from "./resourceArgs";

/** Arguments of {@link OrganizationsFeatures}. */
export interface OrganizationsFeaturesArgs extends ConnectionArgs {
  /** The features that must be enabled, one or more of `"RootCredentialsManagement"`, `"RootSessions"`. Order does not matter. */
  enabledFeatures: pulumi.Input<pulumi.Input<string>[]>;
  /** How long create and update wait for IAM to see trusted access that was just enabled; 120 seconds by default. */
  propagationTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * The authoritative set of IAM centralized root access features for an organization, like Terraform's
 * `aws_iam_organizations_features`: create enables what is missing (adopting what is already on), update enables
 * what is declared but off and disables what is on but not declared, delete disables the declared features.
 *
 * Use either this resource or the single-feature ones ({@link RootSessions}, {@link RootCredentialsManagement})
 * for an organization, not both: this one would disable features the others enable.
 *
 * @example
 * new OrganizationsFeatures("root-access", { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] });
 */
export class OrganizationsFeatures extends FeatureResource {
  constructor(name: string, args: OrganizationsFeaturesArgs, opts?: pulumi.CustomResourceOptions) {
    super("OrganizationsFeatures", name, { ...args }, opts);
  }
}
