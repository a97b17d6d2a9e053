/** The native provider's names: its package, the type tokens of its kinds and enums. Public API: never renamed. */

export const PACKAGE = "aws-root-access";
export const FEATURE_TYPE = `${PACKAGE}:index:Feature`;
export const CREDENTIAL_KIND_TYPE = `${PACKAGE}:index:RootCredentialKind`;

/** The components, served through `construct`. */
export const COMPONENTS = ["CentralizedRootAccess", "OrganizationRootCredentials"] as const;

/** `aws-root-access:index:<Kind>`. */
export function tokenOf(kind: string): string {
  return `${PACKAGE}:index:${kind}`;
}

/** The kind a resource URN names (`urn:pulumi:stack::project::[parent$]aws-root-access:index:Kind::name`), or "". */
export function kindOfUrn(urn: string): string {
  const type = (urn.split("::")[2] ?? "").split("$").pop() ?? "";
  const prefix = `${PACKAGE}:index:`;
  return type.startsWith(prefix) ? type.slice(prefix.length) : "";
}

/** The resource name a URN ends with. */
export function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? "";
}
