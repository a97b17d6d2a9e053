/** Calling AWS at all: no credentials, a list that does not end, and any AWS error without a class of its own. */
import { RootAccessError, forOrg } from "./base";
import type { ErrorContext } from "./base";

/** The AWS SDK found no credentials in any source of its chain. */
export class CredentialsNotFoundError extends RootAccessError {
  readonly name = "CredentialsNotFoundError";
  constructor(readonly context: ErrorContext) {
    const where = context.credentials
      ? ` for ${context.credentials}`
      : " in the environment, the shared AWS config files or an instance role";
    super(
      `Cannot ${context.action}: no AWS credentials were found${where}. Fix: define that profile in your AWS config ` +
        "files (or log in with `aws sso login`), set AWS_PROFILE or `aws:profile` in the stack config, export " +
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or set `profile`/`roleArn` on the resource.",
    );
  }
}
/** An AWS list that does not end: the same page token again, or more pages than any organization has. */
export class PaginationError extends RootAccessError {
  readonly name = "PaginationError";
  constructor(
    readonly operation: string,
    readonly pages: number,
    readonly problem: string,
  ) {
    super(
      `Cannot read ${operation} to the end: ${problem} (after ${pages} pages), so the list is not trustworthy and ` +
        "nothing was changed. Fix: check that AWS_ENDPOINT_URL_* points at AWS (or a faithful emulator), then try again.",
    );
  }
}

/** Any other AWS error, with its code kept so it can be looked up. */
export class AwsRequestError extends RootAccessError {
  readonly name = "AwsRequestError";
  constructor(
    readonly context: ErrorContext,
    readonly code: string,
    awsMessage: string,
  ) {
    super(`Cannot ${context.action}${forOrg(context.organizationId)}: AWS answered ${code}: ${awsMessage}`);
  }
}
