/**
 * The AWS Organizations operations the package relies on (JSON 1.1), with the access rules and error codes of the
 * Organizations API reference.
 */
import { AwsError } from "../awsError";
import type { Caller, World } from "../world";
import { IAM_SERVICE_PRINCIPAL } from "../state";
import type { Account, Organization } from "../state";
import type { Handler, Input } from "./handler";

export const ORGANIZATIONS_TARGET_PREFIX = "AWSOrganizationsV20161128.";

type Json = Record<string, unknown>;

/** AWS JSON protocols send timestamps as epoch seconds. */
function epochSeconds(ms = Date.now()): number {
  return Math.floor(ms / 1000);
}

const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_PRINCIPAL = /^[\w+=,.@-]{1,128}$/;

function memberOf(world: World, caller: Caller): Organization {
  const org = world.organizationOf(caller.accountId);
  if (!org) {
    throw new AwsError(
      "AWSOrganizationsNotInUseException",
      "Your account is not a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.",
    );
  }
  return org;
}

function accessDenied(): AwsError {
  return new AwsError("AccessDeniedException", "You don't have permissions to access this resource.");
}

function managementOf(world: World, caller: Caller): Organization {
  const org = memberOf(world, caller);
  if (caller.accountId !== org.managementAccountId) throw accessDenied();
  return org;
}

/** Read APIs that the management account and any delegated administrator may call. */
function adminOf(world: World, caller: Caller): Organization {
  const org = memberOf(world, caller);
  if (caller.accountId !== org.managementAccountId && !world.isDelegatedAdministrator(org, caller.accountId)) {
    throw accessDenied();
  }
  return org;
}

function invalidInput(message: string, reason: string): AwsError {
  return new AwsError("InvalidInputException", message, 400, "Sender", { Reason: reason });
}

/** Most items a page holds; AWS caps Organizations lists at 20 per page. */
const MAX_RESULTS = 20;

/**
 * One page of a list, as Organizations pages them: at most `MaxResults` items (1-20), and a `NextToken` whenever
 * more items exist. Tokens are opaque, and only valid for the operation that issued them.
 */
function page<T>(operation: string, items: T[], input: Input): { items: T[]; NextToken?: string } {
  let size = MAX_RESULTS;
  if (input.MaxResults !== undefined) {
    const n = input.MaxResults;
    if (typeof n !== "number" || !Number.isInteger(n))
      throw invalidInput("MaxResults must be a whole number.", "INVALID_PATTERN");
    if (n < 1) throw invalidInput("MaxResults must be at least 1.", "MIN_VALUE_EXCEEDED");
    if (n > MAX_RESULTS) throw invalidInput(`MaxResults must be at most ${MAX_RESULTS}.`, "MAX_VALUE_EXCEEDED");
    size = n;
  }
  let offset = 0;
  if (input.NextToken !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(String(input.NextToken), "base64url").toString("utf8")) as {
        op?: unknown;
        at?: unknown;
      };
      if (decoded.op !== operation || typeof decoded.at !== "number" || !Number.isInteger(decoded.at) || decoded.at < 0)
        throw new Error();
      offset = decoded.at;
    } catch {
      throw invalidInput("The NextToken is not valid for this operation.", "INVALID_NEXT_TOKEN");
    }
  }
  const slice = items.slice(offset, offset + size);
  const next =
    offset + size < items.length
      ? Buffer.from(JSON.stringify({ op: operation, at: offset + size })).toString("base64url")
      : undefined;
  return next ? { items: slice, NextToken: next } : { items: slice };
}

function requireString(input: Input, key: string, pattern: RegExp): string {
  const v = input[key];
  if (v === undefined || v === null) {
    throw invalidInput(`${key} is required.`, "INPUT_REQUIRED");
  }
  if (typeof v !== "string" || !pattern.test(v)) {
    throw invalidInput(`${key} has an invalid value.`, "INVALID_PATTERN");
  }
  return v;
}

function accountArn(org: Organization, accountId: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${accountId}`;
}

function describeAccount(org: Organization, a: Account): Json {
  return {
    Id: a.id,
    Arn: accountArn(org, a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status === "PENDING_CLOSURE" ? "PENDING_CLOSURE" : a.status === "SUSPENDED" ? "SUSPENDED" : "ACTIVE",
    JoinedMethod: a.id === org.managementAccountId ? "CREATED" : "INVITED",
    JoinedTimestamp: 1_600_000_000,
  };
}

function orgAccount(world: World, org: Organization, accountId: string): Account {
  const a = world.account(accountId);
  if (!a || a.organizationId !== org.id) {
    throw new AwsError("AccountNotFoundException", "You specified an account that doesn't exist.");
  }
  return a;
}

export const ORGANIZATIONS_OPERATIONS: Record<string, Handler> = {
  DescribeOrganization(world, caller) {
    const org = memberOf(world, caller);
    const mgmt = world.account(org.managementAccountId);
    return {
      Organization: {
        Id: org.id,
        Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
        FeatureSet: org.featureSet,
        MasterAccountArn: accountArn(org, org.managementAccountId),
        MasterAccountId: org.managementAccountId,
        MasterAccountEmail: mgmt?.email ?? "",
        AvailablePolicyTypes: [],
      },
    };
  },

  DescribeAccount(world, caller, input) {
    const org = adminOf(world, caller);
    const id = requireString(input, "AccountId", ACCOUNT_ID);
    return { Account: describeAccount(org, orgAccount(world, org, id)) };
  },

  ListAWSServiceAccessForOrganization(world, caller, input) {
    const org = adminOf(world, caller);
    const all = Object.entries(org.trustedServices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ServicePrincipal, DateEnabled]) => ({ ServicePrincipal, DateEnabled }));
    const { items, NextToken } = page("ListAWSServiceAccessForOrganization", all, input);
    return { EnabledServicePrincipals: items, ...(NextToken ? { NextToken } : {}) };
  },

  ListAccounts(world, caller, input) {
    const org = adminOf(world, caller);
    const all = world.state.accounts.filter((a) => a.organizationId === org.id).map((a) => describeAccount(org, a));
    const { items, NextToken } = page("ListAccounts", all, input);
    return { Accounts: items, ...(NextToken ? { NextToken } : {}) };
  },

  EnableAWSServiceAccess(world, caller, input) {
    const org = managementOf(world, caller);
    const principal = requireString(input, "ServicePrincipal", SERVICE_PRINCIPAL);
    if (org.featureSet !== "ALL") {
      throw new AwsError(
        "ConstraintViolationException",
        "Trusted access requires an organization with all features enabled.",
        400,
        "Sender",
        {
          Reason: "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE",
        },
      );
    }
    if (!Object.hasOwn(org.trustedServices, principal)) {
      org.trustedServices[principal] = epochSeconds();
      if (principal === IAM_SERVICE_PRINCIPAL) world.onIamTrustedAccessEnabled(org);
    }
    return {};
  },

  DisableAWSServiceAccess(world, caller, input) {
    const org = managementOf(world, caller);
    const principal = requireString(input, "ServicePrincipal", SERVICE_PRINCIPAL);
    delete org.trustedServices[principal];
    return {};
  },

  RegisterDelegatedAdministrator(world, caller, input) {
    const org = managementOf(world, caller);
    const accountId = requireString(input, "AccountId", ACCOUNT_ID);
    const principal = requireString(input, "ServicePrincipal", SERVICE_PRINCIPAL);
    if (accountId === org.managementAccountId) {
      throw new AwsError(
        "ConstraintViolationException",
        "You cannot register the management account of the organization as a delegated administrator.",
        400,
        "Sender",
        { Reason: "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR" },
      );
    }
    orgAccount(world, org, accountId);
    if (!Object.hasOwn(org.trustedServices, principal)) {
      throw new AwsError(
        "ConstraintViolationException",
        `You must enable trusted access for ${principal} before you register a delegated administrator for it.`,
        400,
        "Sender",
        { Reason: "SERVICE_ACCESS_NOT_ENABLED" },
      );
    }
    if (world.isDelegatedAdministrator(org, accountId, principal)) {
      throw new AwsError(
        "AccountAlreadyRegisteredException",
        "The provided account is already a delegated administrator for your organization.",
      );
    }
    const limit = Object.hasOwn(org.delegatedAdministratorLimits, principal)
      ? org.delegatedAdministratorLimits[principal]
      : undefined;
    if (limit !== undefined && org.delegatedAdministrators.filter((d) => d.servicePrincipal === principal).length >= limit) {
      throw new AwsError(
        "ConstraintViolationException",
        `You have already registered the maximum number of delegated administrators (${limit}) for ${principal}.`,
        400,
        "Sender",
        { Reason: "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED" },
      );
    }
    org.delegatedAdministrators.push({ accountId, servicePrincipal: principal, registeredAt: epochSeconds() });
    return {};
  },

  DeregisterDelegatedAdministrator(world, caller, input) {
    const org = managementOf(world, caller);
    const accountId = requireString(input, "AccountId", ACCOUNT_ID);
    const principal = requireString(input, "ServicePrincipal", SERVICE_PRINCIPAL);
    orgAccount(world, org, accountId);
    if (!world.isDelegatedAdministrator(org, accountId, principal)) {
      throw new AwsError(
        "AccountNotRegisteredException",
        "The provided account is not a registered delegated administrator for your organization.",
      );
    }
    org.delegatedAdministrators = org.delegatedAdministrators.filter(
      (d) => !(d.accountId === accountId && d.servicePrincipal === principal),
    );
    return {};
  },

  ListDelegatedAdministrators(world, caller, input) {
    const org = adminOf(world, caller);
    const filter = input.ServicePrincipal === undefined ? undefined : requireString(input, "ServicePrincipal", SERVICE_PRINCIPAL);
    const ids = [
      ...new Set(
        org.delegatedAdministrators.filter((d) => filter === undefined || d.servicePrincipal === filter).map((d) => d.accountId),
      ),
    ];
    const all = ids.map((id) => {
      const since = Math.min(...org.delegatedAdministrators.filter((d) => d.accountId === id).map((d) => d.registeredAt));
      return { ...describeAccount(org, orgAccount(world, org, id)), DelegationEnabledDate: since };
    });
    const { items, NextToken } = page("ListDelegatedAdministrators", all, input);
    return { DelegatedAdministrators: items, ...(NextToken ? { NextToken } : {}) };
  },
};
