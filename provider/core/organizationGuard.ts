/**
 * The organization guard: a resource acts only on the organization it was created in (or is imported from) and
 * the one its `organizationId` input names, given the organization the credentials actually reach.
 */
import { OrganizationMismatchError } from "../errors";
import type { OrganizationSource } from "../errors";
import { ORGANIZATION_ID_PATTERN, UNKNOWN } from "./validate";

/** The organization a resource must act on, and where that requirement came from. */
export interface Expected {
  organizationId: string;
  source: OrganizationSource;
}

/** The organization an existing resource belongs to: its ID, or (for IDs that are account IDs) what state recorded. */
export function organizationIdOf(id: string, props: Record<string, unknown> = {}): string | undefined {
  if (ORGANIZATION_ID_PATTERN.test(id)) return id;
  const recorded = props.organizationId;
  return typeof recorded === "string" && ORGANIZATION_ID_PATTERN.test(recorded) ? recorded : undefined;
}

/** What the resource's ID in state says about its organization. */
export function fromState(id: string, props: Record<string, unknown> = {}): Expected | undefined {
  const organizationId = organizationIdOf(id, props);
  return organizationId ? { organizationId, source: "resource ID in state" } : undefined;
}

/** What an `import` option says about the organization a new resource must be created in. */
export function fromImport(importId: unknown): Expected | undefined {
  return typeof importId === "string" ? { organizationId: importId, source: "import option" } : undefined;
}

/** Throws OrganizationMismatchError unless the organization reached is the expected one and the declared one. */
export function guardOrganization(
  action: string,
  reachedId: string,
  expected: Expected | undefined,
  inputs: Record<string, unknown>,
): void {
  if (expected && expected.organizationId !== reachedId) {
    throw new OrganizationMismatchError(action, expected.organizationId, reachedId, expected.source);
  }
  const declared = inputs.organizationId;
  if (typeof declared === "string" && declared !== UNKNOWN && declared !== reachedId) {
    throw new OrganizationMismatchError(action, declared, reachedId, "organizationId input");
  }
}
