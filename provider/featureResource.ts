import * as pulumi from "@pulumi/pulumi";
import { PROVIDERS } from "./providerRegistry";
import { TYPE_MODULE } from "./kinds";
import type { KindName } from "./kinds";

/**
 * What the three feature resources share: a dynamic resource whose ID is the organization ID and whose outputs
 * report the live state. Changing any input updates in place; these org-wide singletons are never replaced.
 */
export abstract class FeatureResource extends pulumi.dynamic.Resource {
  /** The organization the feature belongs to, as IAM reports it. */
  declare public readonly organizationId: pulumi.Output<string>;
  /**
   * The features this resource manages that are enabled in the organization, as IAM last reported them (sorted).
   * After `pulumi refresh` it shows the live state, drift included.
   */
  declare public readonly enabledFeatures: pulumi.Output<string[]>;

  protected constructor(kind: KindName, name: string, args: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    // The engine's own `import` cannot reach a dynamic provider (pulumi/pulumi#16175), so the package carries it
    // out itself: create then adopts the organization's live state and refuses to change anything.
    const { import: importId, ...rest } = opts ?? {};
    super(
      PROVIDERS[kind],
      name,
      { organizationId: undefined, enabledFeatures: undefined, ...args, ...(importId === undefined ? {} : { importId }) },
      rest,
      TYPE_MODULE,
      kind,
    );
  }
}
