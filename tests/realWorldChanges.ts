/**
 * The real-world changes of a program or an organization that the end-to-end suites run, each with its outcome and
 * the spec that proves it; docs/reliability.md is rendered from this table.
 */
export interface RealWorldChange {
  change: string;
  outcome: string;
  spec: string;
}

export const REAL_WORLD_CHANGES = {
  delegatedAdministrator: {
    change:
      "`accountId` of `IamDelegatedAdministrator` changed from A to B (IAM accepting several, or only one); an account registered outside the program",
    outcome:
      "one `up` leaves only B registered (deregistering A first when IAM accepts no more, and registering A again if B then fails); refresh keeps B; destroy deregisters B; an undeclared account is drift the next `up` deregisters",
    spec: "tests/e2e/delegated-administrator-change.e2e.spec.ts",
  },
  restyle: {
    change:
      "`RootSessions` + `RootCredentialsManagement` replaced by one `OrganizationsFeatures` (and back), or a resource renamed",
    outcome:
      "both features stay on: the deletes see that a resource of the same deployment took the feature over; `aliases` avoid the create and delete altogether",
    spec: "tests/e2e/restyle-and-rename.e2e.spec.ts",
  },
  deferredDelete: {
    change:
      "a renamed feature, trusted access or delegated administrator whose old delete runs in a later `up` (after `--target` of the new resource, or retrying a delete that failed)",
    outcome: "the item stays on: every declared resource claims its item in diff, so the delete leaves it and says so",
    spec: "tests/e2e/deferred-delete.e2e.spec.ts",
  },
  importPrerequisites: {
    change:
      "the `import` option on `IamTrustedAccess`, `IamDelegatedAdministrator` or `MemberRootCredentials`; `IamDelegatedAdministrator.get(...)`",
    outcome:
      "adopted with no mutating call and a no-change preview after, or `ImportMismatchError` changing nothing (also `MemberRootCredentials`, by account ID); `get` reads `accountId`",
    spec: "tests/e2e/import-and-lookup.e2e.spec.ts",
  },
  previewIsThePlan: {
    change:
      "a create previewed with no credentials, in a consolidated-billing organization, with a mismatched `organizationId`, or `MemberRootCredentials` at the management account; a first `OrganizationRootCredentials` preview",
    outcome:
      "the preview fails with the very typed error the `up` gives, with no change; the first preview lists per account what the `up` will delete, masked",
    spec: "tests/e2e/preview-is-the-plan.e2e.spec.ts",
  },
  adoptedOnDestroy: {
    change: "a destroy of resources that adopted features and a delegated administrator on create",
    outcome:
      "what was adopted stays, and create and destroy say so (`removeAdoptedOnDelete` opts in); trusted access is never turned off under what stays",
    spec: "tests/e2e/adopted-on-destroy.e2e.spec.ts",
  },
  fleetWithOneBlocked: {
    change: "`OrganizationRootCredentials` over 40 member accounts, one blocked by an SCP",
    outcome:
      "the error names the account and `--continue-on-error`, which then converges all 39 others; an `organizationId` a preview cannot know is refused",
    spec: "tests/e2e/organization-root-credentials.e2e.spec.ts",
  },
  passwordRecovery: {
    change: "password recovery declared, then dropped",
    outcome:
      "recovery takes one `up`; the password-less login profile it leaves is audited, shown as drift and deleted when `password` is removed",
    spec: "tests/e2e/password-recovery.e2e.spec.ts",
  },
  mixedStyles: {
    change: "two resources of one program manage the same feature for the same organization",
    outcome: "`ConflictingDeclarationError` naming both, before any AWS call",
    spec: "tests/e2e/restyle-and-rename.e2e.spec.ts",
  },
  trustedAccessOff: {
    change: "IAM trusted access switched off in the console while `IamTrustedAccess` is declared (20 s propagation)",
    outcome: "preview shows a pending update with a note; one `up` enables trusted access, then the features wait for IAM",
    spec: "tests/e2e/trusted-access-healing.e2e.spec.ts",
  },
  otherOrganization: {
    change: "credentials that reach another organization (trusted access off, consolidated billing, or healthy)",
    outcome:
      "`OrganizationMismatchError` naming both organizations for every resource, in preview and refresh; its advice (`pulumi state delete`, then `up`) works",
    spec: "tests/e2e/wrong-organization.e2e.spec.ts",
  },
  connection: {
    change: "only `profile` (or `roleArn`, `region`) changed, then the old profile removed",
    outcome:
      "an update that records the new settings with no mutating call; refresh and destroy keep working; credential errors name the profile and where it came from",
    spec: "tests/e2e/connection-change.e2e.spec.ts",
  },
  organizationGone: {
    change: "the organization deleted (the credentials reach no organization)",
    outcome: "refresh drops the resources from the stack and destroy succeeds, each saying why and how to undo it",
    spec: "tests/e2e/reading-and-reporting.e2e.spec.ts",
  },
  nativeFace: {
    change:
      "the same journeys from a YAML program through the native provider: a feature turned off in the console, a root access key that reappears, a bare organization through `CentralizedRootAccess`, `OrganizationRootCredentials`, a wrong feature name, a secret input",
    outcome:
      "drift is a property-level change (`~ enabledFeatures`, `~ accessKeys`) in a plain preview that changes nothing; refresh records it, `up` heals with one call, `--expect-no-changes` passes; the bad input fails once with no AWS call; the secret stays encrypted in state",
    spec: "tests/e2e/native-yaml.e2e.spec.ts",
  },
  nativeImport: {
    change: "`pulumi import` of each of the six kinds through the native provider, with `--out` generating the program",
    outcome: "no mutating AWS call; the generated program previews with no change",
    spec: "tests/e2e/native-import.e2e.spec.ts",
  },
  releasedStacks: {
    change: "stacks made by 0.1.0 (every kind and both components), previewed and refreshed with this version installed",
    outcome: "no change and no mutating call: the `__provider` paths recorded in their state still load",
    spec: "tests/e2e/released-stacks.e2e.spec.ts",
  },
} satisfies Record<string, RealWorldChange>;
