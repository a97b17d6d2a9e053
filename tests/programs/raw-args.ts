/**
 * Test program: declares resources from raw JSON in config, so a test can hand the engine any input, however wrong.
 * Config `resources`: [{ "kind": "OrganizationsFeatures", "name": "r0", "args": { ... } }, ...]
 */
import * as pulumi from "@pulumi/pulumi";
import * as rootAccess from "pulumi-aws-root-access";

interface Declared {
  kind: "RootSessions" | "RootCredentialsManagement" | "OrganizationsFeatures" | "IamTrustedAccess" | "IamDelegatedAdministrator";
  name: string;
  args: Record<string, unknown>;
}

for (const r of new pulumi.Config().requireObject<Declared[]>("resources")) {
  const Resource = rootAccess[r.kind] as unknown as new (name: string, args: unknown) => pulumi.CustomResource;
  new Resource(r.name, r.args);
}
