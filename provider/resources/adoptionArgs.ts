import type * as pulumi from "@pulumi/pulumi";

/** What a resource does on delete with what its create found already in place. */
export interface AdoptionArgs {
  /**
   * Remove on delete what the create adopted (it was on, or registered, before the resource was created). Off by
   * default: configuration that predates the program is left in place, and both the create and the delete say so.
   * What the program itself enabled or registered is always removed on delete, and an `import` manages fully.
   */
  removeAdoptedOnDelete?: pulumi.Input<boolean>;
}
