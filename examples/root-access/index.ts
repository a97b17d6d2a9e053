/**
 * Centralized root access for an AWS Organization, declared with pulumi-aws-root-access.
 *
 * Config (all optional):
 *   enabledFeatures  JSON list, default ["RootCredentialsManagement","RootSessions"]
 *   organizationId   refuse to act if the credentials reach another organization
 *   style            "authoritative" (default: one OrganizationsFeatures) or "per-feature" (one resource per feature)
 */
import * as pulumi from "@pulumi/pulumi";
import { OrganizationsFeatures, RootCredentialsManagement, RootSessions } from "pulumi-aws-root-access";

const config = new pulumi.Config();
const organizationId = config.get("organizationId");
const style = config.get("style") ?? "authoritative";

let organization: pulumi.Output<string>;
let features: pulumi.Output<string[]>;

if (style === "per-feature") {
  const sessions = new RootSessions("root-sessions", { organizationId });
  const credentials = new RootCredentialsManagement("root-credentials", { organizationId });
  organization = sessions.organizationId;
  features = pulumi.all([sessions.enabledFeatures, credentials.enabledFeatures]).apply(([a, b]) => [...a, ...b].sort());
} else {
  const rootAccess = new OrganizationsFeatures("root-access", {
    enabledFeatures: config.getObject<string[]>("enabledFeatures") ?? ["RootCredentialsManagement", "RootSessions"],
    organizationId,
  });
  organization = rootAccess.organizationId;
  features = rootAccess.enabledFeatures;
}

export const organizationIdOut = organization;
export const enabledFeatures = features;
