"use strict";
// The program the stacks of released versions were made with (tests/released/make.ts): every kind of the package,
// as a user writes it with the installed package. Config `shape` picks the per-feature kinds or the components.
const pulumi = require("@pulumi/pulumi");
const ra = require("pulumi-aws-root-access");

const DELEGATED_ADMIN = "333333333333";
const MEMBER = "222222222222";

if (new pulumi.Config().require("shape") === "per-feature") {
  const trusted = new ra.IamTrustedAccess("trusted");
  new ra.IamDelegatedAdministrator("admin", { accountId: DELEGATED_ADMIN }, { dependsOn: [trusted] });
  new ra.RootCredentialsManagement("credentials", {}, { dependsOn: [trusted] });
  new ra.RootSessions("sessions", {}, { dependsOn: [trusted] });
  new ra.MemberRootCredentials("member", { accountId: MEMBER, remove: ["accessKeys"] });
} else {
  const root = new ra.CentralizedRootAccess("root", { delegatedAdministratorAccountId: DELEGATED_ADMIN });
  new ra.OrganizationRootCredentials("members", { remove: ["signingCertificates"] }, { dependsOn: [root] });
}
