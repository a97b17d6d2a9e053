/**
 * Centralized root access for an AWS Organization, declared with pulumi-aws-root-access.
 *
 * Config (all optional):
 *   enabledFeatures  JSON list, default ["RootCredentialsManagement","RootSessions"]
 *   organizationId   refuse to act if the credentials reach another organization
 *   style            "authoritative" (default: one OrganizationsFeatures) or "per-feature" (one resource per feature)
 *   importId         adopt an organization whose features are already on with the `import` option (never changes AWS)
 */
import * as pulumi from "@pulumi/pulumi";
import { OrganizationsFeatures, RootCredentialsManagement, RootSessions } from "pulumi-aws-root-access";
import type { FeatureName } from "pulumi-aws-root-access";

const config = new pulumi.Config();
const declaredOrganizationId = config.get("organizationId");
const style = config.get("style") ?? "authoritative";
const importId = config.get("importId");
const opts: pulumi.CustomResourceOptions = importId ? { import: importId } : {};

let organization: pulumi.Output<string>;
let features: pulumi.Output<string[]>;

if (style === "per-feature") {
  const sessions = new RootSessions("root-sessions", { organizationId: declaredOrganizationId }, opts);
  const credentials = new RootCredentialsManagement("root-credentials", { organizationId: declaredOrganizationId }, opts);
  organization = sessions.organizationId;
  features = pulumi.all([sessions.enabledFeatures, credentials.enabledFeatures]).apply(([a, b]) => [...a, ...b].sort());
} else {
  const rootAccess = new OrganizationsFeatures(
    "root-access",
    {
      enabledFeatures: config.getObject<FeatureName[]>("enabledFeatures") ?? ["RootCredentialsManagement", "RootSessions"],
      organizationId: declaredOrganizationId,
    },
    opts,
  );
  organization = rootAccess.organizationId;
  features = rootAccess.enabledFeatures;
}

export const organizationId = organization;
export const enabledFeatures = features;
