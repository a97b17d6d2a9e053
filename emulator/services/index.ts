/**
 * The emulated services: each with its wire protocol and its table of operations. Adding an operation is one
 * handler and one row in its service's table.
 */
import { jsonWire } from "../protocols/json";
import { restXmlWire } from "../protocols/restXml";
import { queryWire } from "../protocols/query";
import type { Wire } from "../protocols/wire";
import type { Handler } from "./handler";
import { IAM_NAMESPACE, IAM_OPERATIONS, IAM_VERSION } from "./iam";
import { ORGANIZATIONS_OPERATIONS, ORGANIZATIONS_TARGET_PREFIX } from "./organizations";
import { S3_ACTIONS, S3_OPERATIONS } from "./s3";
import { SQS_DIALECT, SQS_OPERATIONS, SQS_TARGET_PREFIX } from "./sqs";
import { STS_NAMESPACE, STS_OPERATIONS, STS_VERSION } from "./sts";

export type ServiceName = "iam" | "organizations" | "sts" | "s3" | "sqs";

export interface Service {
  name: ServiceName;
  wire: Wire;
  operations: Record<string, Handler>;
  /** The IAM action of an operation, where it is not `<service>:<Operation>` (S3's ListBuckets: s3:ListAllMyBuckets). */
  actionOf?(operation: string): string | undefined;
}

export const SERVICES: Record<ServiceName, Service> = {
  iam: { name: "iam", wire: queryWire(IAM_VERSION, IAM_NAMESPACE), operations: IAM_OPERATIONS },
  sts: { name: "sts", wire: queryWire(STS_VERSION, STS_NAMESPACE), operations: STS_OPERATIONS },
  organizations: { name: "organizations", wire: jsonWire(ORGANIZATIONS_TARGET_PREFIX), operations: ORGANIZATIONS_OPERATIONS },
  s3: { name: "s3", wire: restXmlWire(), operations: S3_OPERATIONS, actionOf: (operation) => S3_ACTIONS[operation] },
  sqs: { name: "sqs", wire: jsonWire(SQS_TARGET_PREFIX, SQS_DIALECT), operations: SQS_OPERATIONS },
};

/**
 * Which service a request is for: JSON requests (an `X-Amz-Target` header) are SQS's when the target says so, and
 * Organizations' otherwise; the rest are S3's (REST) when SigV4 signed them for `s3`, STS's (Query) for `sts`, and
 * IAM's (Query) otherwise, as all share the endpoint here.
 */
export function serviceOf(target: string | string[] | undefined, signedFor: string | undefined): Service {
  if (typeof target === "string") return target.startsWith(SQS_TARGET_PREFIX) ? SERVICES.sqs : SERVICES.organizations;
  if (signedFor === "s3") return SERVICES.s3;
  return signedFor === "sts" ? SERVICES.sts : SERVICES.iam;
}
