import type * as pulumi from "@pulumi/pulumi";
import organizationsFeaturesProvider from "../providers/OrganizationsFeatures";
import { FeatureResource } from "./rootAccessResource";
import type { FeatureName } from "../core/features";
import type { ConnectionArgs } from "./connectionArgs";
import type { AdoptionArgs } from "./adoptionArgs";
import { itemsOf } from "../core/programGuard";

/** Arguments of {@link OrganizationsFeatures}. */
export interface OrganizationsFeaturesArgs extends ConnectionArgs, AdoptionArgs {
  /** The features that must be enabled, one or more of `"RootCredentialsManagement"`, `"RootSessions"`. Order does not matter. */
  enabledFeatures: pulumi.Input<pulumi.Input<FeatureName>[]>;
  /** How long create and update wait for IAM to see trusted access that was just enabled; 120 seconds by default. */
  propagationTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * The authoritative set of IAM centralized root access features for an organization, like Terraform's
 * `aws_iam_organizations_features`: create enables what is missing (adopting what is already on), update enables
 * what is declared but off and disables what is on but not declared, delete disables the declared features.
 *
 * It owns every feature of its organization, so a program that also declares {@link RootSessions} or
 * {@link RootCredentialsManagement} for the same organization is refused before any change.
 *
 * @example
 * new OrganizationsFeatures("root-access", { enabledFeatures: ["RootCredentialsManagement", "RootSessions"] });
 */
export class OrganizationsFeatures extends FeatureResource {
  constructor(name: string, args: OrganizationsFeaturesArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      organizationsFeaturesProvider,
      "OrganizationsFeatures",
      name,
      itemsOf("OrganizationsFeatures", undefined, name),
      { ...args },
      opts,
    );
  }
}
