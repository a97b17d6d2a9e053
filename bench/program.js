"use strict";
// The benchmark's Pulumi program, run from a project where the package is installed as a dependency.
// Config: kind (RootSessions | RootCredentialsManagement | OrganizationsFeatures | OrganizationRootCredentials | Noop),
// count, enabledFeatures, accountIds (OrganizationRootCredentials).
// With perOrgProfiles, resource i uses AWS profile "org<i>", whose keys belong to emulated organization i.
const pulumi = require("@pulumi/pulumi");
const rootAccess = require("pulumi-aws-root-access");

const config = new pulumi.Config();
const kind = config.require("kind");
const count = config.getNumber("count") || 1;
const perOrgProfiles = config.getBoolean("perOrgProfiles") || false;
const enabledFeatures = config.getObject("enabledFeatures") || ["RootCredentialsManagement", "RootSessions"];

// The baseline: a dynamic resource that does nothing, the smallest provider Pulumi can serialize.
const noopProvider = {
  async create() {
    return { id: "noop", outs: {} };
  },
  async diff() {
    return { changes: false };
  },
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name) {
    super(noopProvider, name, {}, undefined, "bench", "Noop");
  }
}

if (kind === "OrganizationRootCredentials") {
  // One MemberRootCredentials per account named in config accountIds, or per ACTIVE member account without it.
  const accountIds = config.getObject("accountIds");
  new rootAccess.OrganizationRootCredentials("org", accountIds ? { accountIds } : {});
}

for (let i = 0; kind !== "OrganizationRootCredentials" && i < count; i += 1) {
  const connection = perOrgProfiles ? { profile: `org${i}` } : {};
  if (kind === "Noop") new Noop(`r${i}`);
  else if (kind === "OrganizationsFeatures") new rootAccess.OrganizationsFeatures(`r${i}`, { enabledFeatures, ...connection });
  else new rootAccess[kind](`r${i}`, connection);
}
