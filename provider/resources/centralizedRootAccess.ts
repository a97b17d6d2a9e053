import * as pulumi from "@pulumi/pulumi";
import type { IamTrustedAccess } from "./iamTrustedAccess";
import type { IamDelegatedAdministrator } from "./iamDelegatedAdministrator";
import type { OrganizationsFeatures } from "./organizationsFeatures";
import { currentChildren } from "./children";
import { ALL_FEATURES } from "../core/features";
import type { FeatureName } from "../core/features";
import { targetOf } from "../core/target";
import type { ConnectionArgs } from "./connectionArgs";
import type { AdoptionArgs } from "./adoptionArgs";

/** Arguments of {@link CentralizedRootAccess}. */
export interface CentralizedRootAccessArgs extends ConnectionArgs, AdoptionArgs {
  /** The features to enable; both by default. */
  features?: pulumi.Input<pulumi.Input<FeatureName>[]>;
  /** A member account to register as IAM delegated administrator; none by default. */
  delegatedAdministratorAccountId?: pulumi.Input<string>;
  /** Disable IAM trusted access when the component is destroyed (off by default: see {@link IamTrustedAccess}). */
  disableTrustedAccessOnDelete?: pulumi.Input<boolean>;
  /** How long to wait for trusted access to reach IAM after enabling it; 120 seconds by default. */
  propagationTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * Centralized root access in one declaration: IAM trusted access, then the optional delegated administrator, then
 * the features, each depending on the one before. Right after trusted access is enabled IAM may not see it for a
 * while; the features wait for it (bounded by `propagationTimeoutSeconds`) and say that they are waiting.
 *
 * @example
 * const rootAccess = new CentralizedRootAccess("root-access", { delegatedAdministratorAccountId: "123456789012" });
 * export const enabled = rootAccess.enabledFeatures;
 */
export class CentralizedRootAccess extends pulumi.ComponentResource {
  /** The organization, as IAM reports it. */
  public readonly organizationId: pulumi.Output<string>;
  /** The features enabled in the organization (sorted). */
  public readonly enabledFeatures: pulumi.Output<FeatureName[]>;
  public readonly trustedAccess: IamTrustedAccess;
  public readonly delegatedAdministrator: IamDelegatedAdministrator | undefined;
  public readonly features: OrganizationsFeatures;

  constructor(name: string, args: CentralizedRootAccessArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("aws-root-access:index:CentralizedRootAccess", name, {}, opts);
    const connection: ConnectionArgs = targetOf(args);
    const children = currentChildren();
    this.trustedAccess = children.declare(
      "IamTrustedAccess",
      `${name}-trusted-access`,
      { ...connection, disableOnDelete: args.disableTrustedAccessOnDelete },
      { parent: this },
    );
    this.delegatedAdministrator =
      args.delegatedAdministratorAccountId === undefined
        ? undefined
        : children.declare(
            "IamDelegatedAdministrator",
            `${name}-delegated-administrator`,
            { ...connection, accountId: args.delegatedAdministratorAccountId, removeAdoptedOnDelete: args.removeAdoptedOnDelete },
            { parent: this, dependsOn: [this.trustedAccess] },
          );
    this.features = children.declare(
      "OrganizationsFeatures",
      `${name}-features`,
      {
        ...connection,
        enabledFeatures: args.features ?? [...ALL_FEATURES],
        propagationTimeoutSeconds: args.propagationTimeoutSeconds,
        removeAdoptedOnDelete: args.removeAdoptedOnDelete,
      },
      {
        parent: this,
        dependsOn: this.delegatedAdministrator ? [this.trustedAccess, this.delegatedAdministrator] : [this.trustedAccess],
      },
    );
    this.organizationId = this.features.organizationId;
    this.enabledFeatures = this.features.enabledFeatures;
    this.registerOutputs({ organizationId: this.organizationId, enabledFeatures: this.enabledFeatures });
  }
}
