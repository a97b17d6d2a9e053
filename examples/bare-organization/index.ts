/**
 * From a bare organization (IAM trusted access off) to centralized root access, in one declaration.
 *
 * Config (all optional):
 *   delegatedAdministratorAccountId  a member account to register as IAM delegated administrator
 *   propagationTimeoutSeconds        how long to wait for trusted access to reach IAM (default 120)
 */
import * as pulumi from "@pulumi/pulumi";
import { CentralizedRootAccess } from "pulumi-aws-root-access";

const config = new pulumi.Config();

const rootAccess = new CentralizedRootAccess("root-access", {
  delegatedAdministratorAccountId: config.get("delegatedAdministratorAccountId"),
  propagationTimeoutSeconds: config.getNumber("propagationTimeoutSeconds"),
});

export const organizationId = rootAccess.organizationId;
export const enabledFeatures = rootAccess.enabledFeatures;
