/**
 * Reading live features when prerequisites may be missing: after an AWS error (never before), read-only
 * Organizations calls find out which prerequisite is missing, and a trusted access that is on but has not reached
 * IAM yet is waited for, with bounded backoff and a message while waiting.
 */
import { TrustedAccessPropagationTimeoutError, isServiceAccessNotEnabled } from "../errors";
import type { ErrorContext } from "../errors";
import { IAM_SERVICE_PRINCIPAL } from "../core/features";
import type { Expected } from "../core/organizationGuard";
import type { AwsApi, FeatureState } from "../aws";
import { diagnose } from "../aws";
import type { Reporter } from "./provider";

/** Default bound on waiting for IAM to see trusted access, in seconds. */
export const DEFAULT_PROPAGATION_TIMEOUT_SECONDS = 120;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;
/** How often a long wait says it is still waiting. */
const PROGRESS_EVERY_MS = 30_000;

export interface WaitOptions {
  /** 0 means do not wait (preview and refresh never wait). */
  timeoutSeconds: number;
  report: Reporter;
  sleep?: (ms: number) => Promise<void>;
  /** For an existing resource: the organization it belongs to, so a failure in another one is told as a mismatch. */
  expected?: Expected;
}

async function trustedServices(api: AwsApi): Promise<string[] | undefined> {
  try {
    return await api.organizations.listTrustedServices();
  } catch {
    return undefined;
  }
}

/**
 * Lists live features. On ServiceAccessNotEnabled it asks Organizations whether IAM trusted access is on: if not,
 * the error stands at once; if it is, IAM has not caught up yet, and the call is retried until `timeoutSeconds`.
 */
export async function listLiveFeatures(api: AwsApi, context: ErrorContext, wait: WaitOptions): Promise<FeatureState> {
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  let lastReport: number | undefined;
  for (;;) {
    try {
      return await api.iam.listFeatures();
    } catch (e) {
      if (!isServiceAccessNotEnabled(e)) throw await diagnose(api, e, context, wait.expected);
      const trusted = await trustedServices(api);
      if (!trusted?.includes(IAM_SERVICE_PRINCIPAL)) throw await diagnose(api, e, context, wait.expected);
      const waited = Math.round((Date.now() - started) / 1000);
      if (Date.now() + delay - started > wait.timeoutSeconds * 1000) {
        if (wait.timeoutSeconds === 0) {
          throw await diagnose(api, e, {
            ...context,
            hint: "Trusted access is on in AWS Organizations but has not reached IAM yet: try again in a few minutes.",
          });
        }
        throw new TrustedAccessPropagationTimeoutError(context, waited);
      }
      if (lastReport === undefined) {
        wait.report(
          `IAM trusted access is enabled in AWS Organizations but IAM does not see it yet; waiting up to ` +
            `${wait.timeoutSeconds}s for it to propagate before trying to ${context.action}…`,
        );
        lastReport = Date.now();
      } else if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
        wait.report(`…still waiting for IAM to see trusted access (${waited}s of ${wait.timeoutSeconds}s).`);
        lastReport = Date.now();
      }
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
