/**
 * Test program: OrganizationRootCredentials (watching only) whose `organizationId` is a plain string, or (config
 * `organizationFrom: resource`) the output of a RootSessions resource, unknown in a preview that creates it.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrganizationRootCredentials, RootSessions } from "pulumi-aws-root-access";

const config = new pulumi.Config();
const organizationId =
  config.get("organizationFrom") === "resource" ? new RootSessions("sessions").organizationId : config.require("organizationId");

export const accountIds = new OrganizationRootCredentials("root-credentials", { organizationId, remove: [] }).accountIds;
