/**
 * The emulated services: each with its wire protocol and its table of operations. Adding an operation is one
 * handler and one row in its service's table.
 */
import { jsonWire } from "../protocols/json";
import { queryWire } from "../protocols/query";
import type { Wire } from "../protocols/wire";
import type { Handler } from "./handler";
import { IAM_NAMESPACE, IAM_OPERATIONS, IAM_VERSION } from "./iam";
import { ORGANIZATIONS_OPERATIONS, ORGANIZATIONS_TARGET_PREFIX } from "./organizations";
import { STS_NAMESPACE, STS_OPERATIONS, STS_VERSION } from "./sts";

export type ServiceName = "iam" | "organizations" | "sts";

export interface Service {
  name: ServiceName;
  wire: Wire;
  operations: Record<string, Handler>;
}

export const SERVICES: Record<ServiceName, Service> = {
  iam: { name: "iam", wire: queryWire(IAM_VERSION, IAM_NAMESPACE), operations: IAM_OPERATIONS },
  sts: { name: "sts", wire: queryWire(STS_VERSION, STS_NAMESPACE), operations: STS_OPERATIONS },
  organizations: { name: "organizations", wire: jsonWire(ORGANIZATIONS_TARGET_PREFIX), operations: ORGANIZATIONS_OPERATIONS },
};

/**
 * Which service a request is for: JSON 1.1 requests (an `X-Amz-Target` header) are Organizations'; Query requests
 * are STS's when SigV4 signed them for `sts`, and IAM's otherwise, as both share the endpoint here.
 */
export function serviceOf(hasTarget: boolean, signedFor: string | undefined): Service {
  if (hasTarget) return SERVICES.organizations;
  return signedFor === "sts" ? SERVICES.sts : SERVICES.iam;
}
