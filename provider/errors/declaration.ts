/** What a program declared cannot be done as declared: conflicts, an import that does not match, bad arguments. */
import { RootAccessError } from "./base";

/** Two resources of one program manage the same thing for the same organization, so each would undo the other. */
export class ConflictingDeclarationError extends RootAccessError {
  readonly name = "ConflictingDeclarationError";
  constructor(
    readonly first: { kind: string; name: string },
    readonly second: { kind: string; name: string },
    readonly item: string,
    readonly target: string,
  ) {
    super(
      `${second.kind} "${second.name}" and ${first.kind} "${first.name}" both manage ${item} for ${target} in this ` +
        "program, so every `pulumi up` would undo part of the other's work. Nothing was changed. Fix: keep one of " +
        'them. To switch style or rename, see "Changing style or names" in the package\'s README: rename with ' +
        "`aliases`, or keep the old resources' features on with `retainOnDelete: true` before removing them.",
    );
  }
}

/** The `import` option was given, but the organization's live features differ from the declaration. */
export class ImportMismatchError extends RootAccessError {
  readonly name = "ImportMismatchError";
  constructor(
    readonly kind: string,
    readonly organizationId: string,
    readonly needed: string,
    /** What is imported, when it is not the organization (MemberRootCredentials: the account). */
    readonly subject = `organization ${organizationId}`,
  ) {
    super(
      `Cannot import ${kind} from ${subject}: importing never changes AWS, but the live state ` +
        `differs from the declaration (it would need to ${needed}). Fix: declare what is live, or remove the ` +
        "`import` option to let Pulumi make the change.",
    );
  }
}
/** Arguments given outside a resource's `check` (a component, the audit) are wrong; nothing was called. */
export class InvalidArgumentsError extends RootAccessError {
  readonly name = "InvalidArgumentsError";
  constructor(
    readonly subject: string,
    readonly problems: string[],
  ) {
    super(`Invalid arguments for ${subject}, so nothing was called in AWS: ${problems.join("; ")}.`);
  }
}
