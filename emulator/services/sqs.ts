/**
 * SQS over the JSON protocol current SDKs use (`X-Amz-Target: AmazonSQS.<Operation>`): GetQueueUrl, ListQueues,
 * GetQueueAttributes and SetQueueAttributes (the `Policy` attribute; empty removes it). A queue's URL is
 * `<emulator URL>/<account>/<name>`. A caller reaches only its own account's queues, and a policy that denies
 * everyone locks out all but the owner's root session, which may also call GetQueueUrl (README: "Emulator choices").
 */
import { AwsError } from "../awsError";
import type { AwsError as AwsErrorType, CommonFailure } from "../awsError";
import type { JsonDialect } from "../protocols/json";
import type { Caller, World } from "../world";
import type { Handler, Input } from "./handler";
import { checkResourcePolicy, otherAccount } from "./policyHolders";
import type { Found } from "./policyHolders";

export const SQS_TARGET_PREFIX = "AmazonSQS.";
/** The attributes the emulator keeps; `All` asks for every one. */
const ATTRIBUTES = ["Policy", "QueueArn"];
const MAX_LIST_RESULTS = 1000;

/** SQS's error codes as the JSON protocol types them, with their Query-protocol codes (`x-amzn-query-error`). */
const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: "AWS.SimpleQueueService.NonExistentQueue",
  AccessDenied: "AccessDenied",
};

const FAILURES: Record<CommonFailure, (message?: string) => AwsErrorType> = {
  missingAuthentication: (m) => new AwsError("MissingAuthenticationToken", m ?? "Request is missing Authentication Token", 403),
  invalidClientToken: (m) =>
    new AwsError("InvalidClientTokenId", m ?? "The security token included in the request is invalid.", 403),
  accessDenied: (m) => new AwsError("AccessDenied", m ?? "Access to the resource is denied.", 403),
  expiredToken: (m) => new AwsError("ExpiredToken", m ?? "The security token included in the request is expired", 403),
  throttling: (m) => new AwsError("RequestThrottled", m ?? "Request is throttled.", 400),
  serverError: (m) => new AwsError("InternalError", m ?? "We encountered an internal error. Please try again.", 500),
  bodyTooLarge: (m) => new AwsError("RequestTooLarge", m ?? "Request body is too large.", 413),
  internal: (m) => new AwsError("InternalError", m ?? "The emulator failed to process the request.", 500),
};

export const SQS_DIALECT: JsonDialect = {
  contentType: "application/x-amz-json-1.0",
  failures: FAILURES,
  typeOf: (code) => (code === "AccessDenied" ? "com.amazon.coral.service#AccessDeniedException" : `com.amazonaws.sqs#${code}`),
  queryError: (err) => `${QUERY_CODES[err.code] ?? err.code};${err.type}`,
};

function noSuchQueue(): AwsError {
  return new AwsError("QueueDoesNotExist", "The specified queue does not exist.", 400);
}

function arnOf(owner: string, name: string): string {
  return `arn:aws:sqs:us-east-1:${owner}:${name}`;
}

/** The queue a URL names (`…/<account>/<name>`), checked for the caller and the action. */
function queueAt(world: World, caller: Caller, input: Input, action: string): Found {
  const url = typeof input.QueueUrl === "string" ? input.QueueUrl : "";
  const m = /\/(\d{12})\/([\w.-]{1,80})\/?$/.exec(url);
  if (!m) throw new AwsError("InvalidAddress", `The address ${url.slice(0, 256)} is not valid for this endpoint.`, 404);
  return queueOf(world, caller, m[1]!, m[2]!, action);
}

function queueOf(world: World, caller: Caller, ownerId: string, name: string, action: string): Found {
  const owner = world.account(ownerId);
  const holder = owner?.sqsQueues?.find((q) => q.name === name);
  if (!owner || !holder) throw noSuchQueue();
  const arn = arnOf(ownerId, name);
  if (ownerId !== caller.accountId) throw otherAccount(world, caller, action, arn);
  const found = { owner, holder };
  checkResourcePolicy(world, caller, found, action, arn);
  return found;
}

function urlOf(world: World, owner: string, name: string): string {
  return `${world.baseUrl}/${owner}/${name}`;
}

export const SQS_OPERATIONS: Record<string, Handler> = {
  GetQueueUrl(world, caller, input) {
    const name = typeof input.QueueName === "string" ? input.QueueName : "";
    const owner = typeof input.QueueOwnerAWSAccountId === "string" ? input.QueueOwnerAWSAccountId : caller.accountId;
    queueOf(world, caller, owner, name, "sqs:GetQueueUrl");
    return { QueueUrl: urlOf(world, owner, name) };
  },
  ListQueues(world, caller, input) {
    const prefix = typeof input.QueueNamePrefix === "string" ? input.QueueNamePrefix : "";
    const max = typeof input.MaxResults === "number" ? input.MaxResults : MAX_LIST_RESULTS;
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIST_RESULTS)
      throw new AwsError("InvalidParameterValue", `Value ${String(max)} for parameter MaxResults is invalid.`, 400);
    const names = (world.account(caller.accountId)?.sqsQueues ?? []).map((q) => q.name).filter((n) => n.startsWith(prefix));
    const start = typeof input.NextToken === "string" ? Number(input.NextToken) : 0;
    if (!Number.isInteger(start) || start < 0 || start > names.length)
      throw new AwsError("InvalidParameterValue", "Invalid NextToken value.", 400);
    const page = names.slice(start, start + max).map((n) => urlOf(world, caller.accountId, n));
    const next = start + max < names.length ? { NextToken: String(start + max) } : {};
    return page.length > 0 ? { QueueUrls: page, ...next } : {};
  },
  GetQueueAttributes(world, caller, input) {
    const { owner, holder } = queueAt(world, caller, input, "sqs:GetQueueAttributes");
    const asked = Array.isArray(input.AttributeNames) ? (input.AttributeNames as unknown[]).map(String) : [];
    const wanted = asked.includes("All") ? ATTRIBUTES : asked;
    const attributes: Record<string, string> = {};
    if (wanted.includes("Policy") && holder.policy !== undefined) attributes.Policy = holder.policy;
    if (wanted.includes("QueueArn")) attributes.QueueArn = arnOf(owner.id, holder.name);
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
  SetQueueAttributes(world, caller, input) {
    const { holder } = queueAt(world, caller, input, "sqs:SetQueueAttributes");
    const attributes = (input.Attributes ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(attributes)) {
      if (name !== "Policy") throw new AwsError("InvalidAttributeName", `Unknown Attribute ${name.slice(0, 64)}.`, 400);
      if (typeof value !== "string") throw new AwsError("InvalidAttributeValue", "Policy must be a string.", 400);
      if (value === "") delete holder.policy;
      else holder.policy = value;
    }
    return {};
  },
};
