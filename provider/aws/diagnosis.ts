/**
 * Diagnosis after a failure: read-only looks at which organization the credentials reach, so an AWS error becomes
 * the package's error that names the cause and the fix. Below both the Pulumi providers and the work in member
 * accounts (the audit CLI uses it without Pulumi).
 */
import { OrganizationMismatchError, RootAccessError, isPrerequisiteError, isWrongCallerError, mapAwsError } from "../errors";
import type { ErrorContext } from "../errors";
import type { Expected } from "../core/organizationGuard";
import type { AwsApi } from "./api";

/** A read-only look after a failure: undefined when it fails too, so the original error still stands. */
export async function bestEffort<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

/**
 * Maps what AWS threw into the package's error. For a missing prerequisite it first asks Organizations which
 * organization the credentials reach: another organization than the resource's is a mismatch, not a prerequisite
 * to fix; otherwise the message names the organization reached (and its management account, for a caller that is
 * not it).
 */
export async function diagnose(api: AwsApi, err: unknown, context: ErrorContext, expected?: Expected): Promise<RootAccessError> {
  if (RootAccessError.is(err) || !isPrerequisiteError(err)) return mapAwsError(err, context);
  const org = await bestEffort(() => api.organizations.describeOrganization());
  if (!org?.id) return mapAwsError(err, context);
  if (expected && expected.organizationId !== org.id) {
    return new OrganizationMismatchError(context.action, expected.organizationId, org.id, expected.source);
  }
  return mapAwsError(err, {
    ...context,
    organizationId: org.id,
    ...(isWrongCallerError(err) ? { hint: `The management account of ${org.id} is ${org.managementAccountId}.` } : {}),
  });
}
