/**
 * Reading live features when prerequisites may be missing: after an AWS error (never before), read-only
 * Organizations calls find out which prerequisite is missing, and a trusted access that is on but has not reached
 * IAM yet is waited for, with bounded backoff and a message while waiting.
 */
import { TrustedAccessPropagationTimeoutError, mapAwsError } from "./errors";
import type { ErrorContext, RootAccessError } from "./errors";
import type { FeatureState, RootAccessApi } from "./aws";
import { IAM_SERVICE_PRINCIPAL } from "./kinds";

/** Default bound on waiting for IAM to see trusted access, in seconds. */
export const DEFAULT_PROPAGATION_TIMEOUT_SECONDS = 120;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

export interface WaitOptions {
  /** 0 means do not wait (preview and refresh never wait). */
  timeoutSeconds: number;
  report: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

function isServiceAccessNotEnabled(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === "ServiceAccessNotEnabledException" || name === "ServiceAccessNotEnabled";
}

async function quietly<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    // Diagnosis is best effort: without Organizations permissions the original error still stands.
    return undefined;
  }
}

/** Maps an AWS error, adding what read-only Organizations calls reveal about the missing prerequisite. */
export async function diagnose(api: RootAccessApi, err: unknown, context: ErrorContext): Promise<RootAccessError> {
  const name = String((err as { name?: unknown } | null)?.name ?? "");
  if (api.organizations && /AccountNotManagementOrDelegatedAdministrator|CallerIsNotManagementAccount/.test(name)) {
    const org = await quietly(() => api.organizations!.describeOrganization());
    if (org?.id) {
      return mapAwsError(err, {
        ...context,
        organizationId: org.id,
        hint: `The management account of ${org.id} is ${org.managementAccountId}.`,
      });
    }
  }
  return mapAwsError(err, context);
}

/**
 * Lists live features. On ServiceAccessNotEnabled it asks Organizations whether IAM trusted access is on: if not,
 * the error stands at once; if it is, IAM has not caught up yet, and the call is retried until `timeoutSeconds`.
 */
export async function listLiveFeatures(api: RootAccessApi, context: ErrorContext, wait: WaitOptions): Promise<FeatureState> {
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  let announced = false;
  for (;;) {
    try {
      return await api.listFeatures();
    } catch (e) {
      if (!isServiceAccessNotEnabled(e) || !api.organizations) throw await diagnose(api, e, context);
      const trusted = await quietly(() => api.organizations!.listTrustedServices());
      if (!trusted?.includes(IAM_SERVICE_PRINCIPAL)) throw mapAwsError(e, context);
      const waited = Math.round((Date.now() - started) / 1000);
      if (Date.now() + delay - started > wait.timeoutSeconds * 1000) {
        if (wait.timeoutSeconds === 0) {
          throw mapAwsError(e, {
            ...context,
            hint: "Trusted access is on in AWS Organizations but has not reached IAM yet: try again in a few minutes.",
          });
        }
        throw new TrustedAccessPropagationTimeoutError(context, waited);
      }
      if (!announced) {
        wait.report(
          `IAM trusted access is enabled in AWS Organizations but IAM does not see it yet; waiting up to ` +
            `${wait.timeoutSeconds}s for it to propagate before trying to ${context.action}…`,
        );
        announced = true;
      }
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
