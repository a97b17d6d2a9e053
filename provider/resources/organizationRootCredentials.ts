import * as pulumi from "@pulumi/pulumi";
import {
  LIST_ACCOUNTS_ACTION,
  createAwsApi,
  organizationAccounts,
  organizationReached,
  readStackSettings,
  resolveConnection,
  stackLayer,
} from "../aws";
import type { AccountInfo, OrganizationInfo, SettingsLayer } from "../aws";
import { targetOf } from "../core/target";
import { ACCOUNT_ID_PATTERN, show } from "../core/validate";
import type { CredentialKind } from "../core/rootCredentials";
import {
  AccountNotActiveMemberError,
  InvalidArgumentsError,
  OrganizationMismatchError,
  forProgram,
  mapAwsError,
} from "../errors";
import { currentChildren } from "./children";
import { MAX_GROUPED_IDS, groupMembers } from "../rootCredentials/auditBatch";
import type { ConnectionArgs } from "./connectionArgs";

/** Arguments of {@link OrganizationRootCredentials}. */
export interface OrganizationRootCredentialsArgs extends ConnectionArgs {
  /** As {@link MemberRootCredentialsArgs.remove}, for every account: all four kinds by default. */
  remove?: pulumi.Input<pulumi.Input<CredentialKind>[]>;
  /** As {@link MemberRootCredentialsArgs.allowPasswordRecovery}, for every account. */
  allowPasswordRecovery?: pulumi.Input<boolean>;
  /** Member accounts to leave alone. */
  excludeAccountIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Only these member accounts (each must be an ACTIVE member); all of them by default. */
  accountIds?: pulumi.Input<pulumi.Input<string>[]>;
}

function checkIds(property: string, ids: unknown): void {
  if (ids === undefined) return;
  const bad = Array.isArray(ids) ? ids.filter((id) => typeof id !== "string" || !ACCOUNT_ID_PATTERN.test(id)) : [ids];
  if (bad.length > 0) {
    throw forProgram(
      new InvalidArgumentsError("OrganizationRootCredentials", [`${property} must list 12-digit account IDs, got ${show(bad)}`]),
    );
  }
}

/** What the engine exposes on every output at run time, though the public types leave it out. */
interface MaybeKnown {
  isKnown?: Promise<boolean>;
}

/** The names of the inputs whose value is not known yet (during a preview, an output of a resource to be created). */
async function unknownInputs(inputs: Record<string, pulumi.Input<unknown> | undefined>): Promise<string[]> {
  const names: string[] = [];
  for (const [name, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    const known = (pulumi.output(value) as unknown as MaybeKnown).isKnown;
    if (known !== undefined && !(await known)) names.push(name);
  }
  return names;
}

/**
 * The root credentials of every ACTIVE member account of the organization, as code: at program time it lists the
 * organization's accounts (the management account is never one of them), leaves out `excludeAccountIds`, keeps
 * only `accountIds` when given, and declares one {@link MemberRootCredentials} per account with the same options.
 * A new member account appears in the next `pulumi preview`. It works with the management account's credentials,
 * and with the IAM delegated administrator's for what AWS allows it (listing accounts, root sessions).
 *
 * @example
 * new OrganizationRootCredentials("root-credentials", { excludeAccountIds: ["333333333333"] });
 */
export class OrganizationRootCredentials extends pulumi.ComponentResource {
  /** The member accounts declared, sorted. */
  public readonly accountIds: pulumi.Output<string[]>;

  constructor(name: string, args: OrganizationRootCredentialsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("aws-root-access:index:OrganizationRootCredentials", name, {}, opts);
    const stack = readStackSettings({ get: (key) => pulumi.runtime.getConfig(key) });
    const children = currentChildren();
    const deciding = { accountIds: args.accountIds, excludeAccountIds: args.excludeAccountIds, ...targetOf(args) };
    // Which accounts are declared is decided here, at program time: a value a preview cannot know would make it
    // declare none (or the wrong ones), and show deletes the up never makes. Such inputs are refused.
    const known = pulumi.output(unknownInputs(deciding)).apply((unknown) => {
      if (unknown.length === 0) {
        const d = deciding;
        return pulumi.all([d.accountIds, d.excludeAccountIds, d.organizationId, d.region, d.profile, d.roleArn]);
      }
      const [these, are] = unknown.length === 1 ? ["it comes", "is"] : ["they come", "are"];
      throw forProgram(
        new InvalidArgumentsError(`OrganizationRootCredentials "${name}"`, [
          `${unknown.join(", ")} ${are} only known once another resource is created, but the member accounts to declare ` +
            "depend on it, so a preview could not show what the up would do. Fix: give a plain value (for " +
            `organizationId, the organization ID itself), or first create the resource ${these} from with ` +
            "`pulumi up --target <its URN>`",
        ]),
      );
    });
    this.accountIds = known.apply(async ([only, exclude, organizationId, region, profile, roleArn]) => {
      checkIds("accountIds", only);
      checkIds("excludeAccountIds", exclude);
      const own: SettingsLayer = { values: { region, profile, roleArn }, source: (key) => `the component's \`${key}\` input` };
      const api = createAwsApi(resolveConnection([own, ...children.layers, stackLayer(stack)]));
      const action = LIST_ACCOUNTS_ACTION;
      let org: OrganizationInfo;
      let accounts: AccountInfo[];
      try {
        org = await organizationReached(api);
        accounts = await organizationAccounts(api, org);
      } catch (e) {
        throw forProgram(mapAwsError(e, { action }));
      }
      if (organizationId && organizationId !== org.id) {
        throw forProgram(new OrganizationMismatchError(action, organizationId, org.id, "organizationId input"));
      }
      const active = groupMembers(accounts, org.managementAccountId, {});
      const missing = (only ?? []).find((id) => !active.includes(id));
      if (missing !== undefined) {
        // Found out from the listing, so the error says what the account is rather than "nothing was called".
        const context = {
          action: `declare the root credentials of account ${missing}`,
          accountId: missing,
          organizationId: org.id,
        };
        const status =
          missing === org.managementAccountId
            ? "the management account"
            : (accounts.find((a) => a.id === missing)?.status ?? "not a member");
        throw forProgram(new AccountNotActiveMemberError({ ...context, task: "IAMAuditRootUserCredentials" }, status));
      }
      // The children's diffs audit the group's accounts together, by the same rule (rootCredentials/auditBatch.ts).
      const selection = { ...(only ? { accountIds: only } : {}), ...(exclude ? { excludeAccountIds: exclude } : {}) };
      const members = groupMembers(accounts, org.managementAccountId, selection);
      // Every child carries the selection, so a long explicit list would grow state with the square of its length:
      // beyond MAX_GROUPED_IDS, each child audits alone.
      const grouped = [...(only ?? []), ...(exclude ?? [])].length <= MAX_GROUPED_IDS;
      const auditTogether = grouped ? selection : undefined;
      for (const accountId of members) {
        children.declare(
          "MemberRootCredentials",
          `${name}-${accountId}`,
          {
            accountId,
            remove: args.remove,
            allowPasswordRecovery: args.allowPasswordRecovery,
            ...(auditTogether ? { auditTogether } : {}),
            ...targetOf(args),
          },
          { parent: this },
        );
      }
      return members;
    });
    this.registerOutputs({ accountIds: this.accountIds });
  }
}
