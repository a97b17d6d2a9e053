/**
 * The program-time guard: two resources of this package in one program must not manage the same thing (a feature,
 * IAM trusted access, the IAM delegated administrator) for the same organization, or each `pulumi up` would undo the
 * other. Resources name their target by `organizationId` when given, otherwise by their connection settings.
 */
import { ConflictingDeclarationError, forProgram } from "../errors";
import { ALL_FEATURES } from "./features";

export interface Target {
  organizationId?: string;
  region?: string;
  profile?: string;
  roleArn?: string;
}

export interface Declaration {
  kind: string;
  name: string;
  /** What the resource manages, e.g. "RootSessions" or "IAM trusted access". */
  items: readonly string[];
  target: Target;
}

/** IAM is global per partition: a region matters only as far as it selects the partition. */
function partitionOf(region: string | undefined): string {
  if (region?.startsWith("cn-")) return "aws-cn";
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  if (region?.startsWith("us-iso")) return "aws-iso";
  return "aws";
}

/** How a target is named in the error, and compared with others. */
export function describeTarget(target: Target): string {
  if (target.organizationId) return `organization ${target.organizationId}`;
  const parts = [
    target.profile ? `profile "${target.profile}"` : "the default credentials",
    ...(target.roleArn ? [`role ${target.roleArn}`] : []),
    ...(partitionOf(target.region) === "aws" ? [] : [`partition ${partitionOf(target.region)}`]),
  ];
  return `the organization reached with ${parts.join(", ")}`;
}

type Registry = Record<string, Array<{ kind: string; name: string }>>;

// On globalThis: a program may load two copies of the package, and they must still see each other's resources.
const GLOBAL_KEY = "__pulumiAwsRootAccessProgramDeclarations";

function registry(): Registry {
  const holder = globalThis as unknown as Record<string, Registry | undefined>;
  return (holder[GLOBAL_KEY] ??= {});
}

function keysOf(declaration: Declaration): Array<[item: string, key: string]> {
  const target = describeTarget(declaration.target);
  return declaration.items.map((item) => [item, `${target}/${item}`]);
}

/** The first other resource that manages one of this declaration's items, as an error naming both. */
export function conflictFor(declaration: Declaration): ConflictingDeclarationError | undefined {
  const seen = registry();
  for (const [item, key] of keysOf(declaration)) {
    // The same resource declared again (a test re-running a program in one process) is not a conflict.
    const other = (Object.hasOwn(seen, key) ? seen[key]! : []).find(
      (d) => d.kind !== declaration.kind || d.name !== declaration.name,
    );
    if (other) return new ConflictingDeclarationError(other, declaration, item, describeTarget(declaration.target));
  }
  return undefined;
}

/** Records a resource's declaration, and returns the conflict with a resource that already manages one of its items. */
export function declare(declaration: Declaration): ConflictingDeclarationError | undefined {
  const seen = registry();
  for (const [, key] of keysOf(declaration)) {
    const entries = Object.hasOwn(seen, key) ? seen[key]! : (seen[key] = []);
    entries.push({ kind: declaration.kind, name: declaration.name });
  }
  return conflictFor(declaration);
}

/** Records a resource's declaration in a program; throws ConflictingDeclarationError, for the program, on a conflict. */
export function declareInProgram(declaration: Declaration): void {
  const conflict = declare(declaration);
  if (conflict) throw forProgram(conflict);
}

/** What a resource of a kind manages, as the guard compares it: one list for both faces. */
export function itemsOf(kind: string, accountId: unknown, name: string): readonly string[] {
  switch (kind) {
    case "OrganizationsFeatures":
      return ALL_FEATURES;
    case "RootSessions":
    case "RootCredentialsManagement":
      return [kind];
    case "IamTrustedAccess":
      return ["IAM trusted access"];
    case "IamDelegatedAdministrator":
      return ["the IAM delegated administrator"];
    case "MemberRootCredentials":
      return [`the root credentials of account ${typeof accountId === "string" ? accountId : name}`];
    default:
      return [];
  }
}
