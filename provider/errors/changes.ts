/** A change of several steps that stopped part-way. */
import { RootAccessError } from "./base";

/** Some changes succeeded before one failed; says which, so nobody has to guess the organization's state. */
export class ChangeIncompleteError extends RootAccessError {
  readonly name: string = "ChangeIncompleteError";
  constructor(
    readonly organizationId: string,
    readonly completed: string[],
    readonly failed: string,
    override readonly cause: Error,
  ) {
    super(
      `Partly applied to organization ${organizationId}: ${completed.join(", ")} succeeded, then ${failed} failed: ` +
        `${cause.message} Run \`pulumi up\` again after fixing the cause; it reads the live state and finishes the rest.`,
    );
  }
}

/** One feature changed, then the next failed. */
export class FeatureChangeIncompleteError extends ChangeIncompleteError {
  override readonly name = "FeatureChangeIncompleteError";
}
