/**
 * IAM's five organization-feature operations and the prerequisites AWS checks before each, in AWS's order:
 * organization, all-features mode, trusted access, then who the caller is.
 */
import { AwsError } from "../awsError";
import type { Caller, World } from "../world";
import { XmlMap } from "../protocols/query";
import { IAM_SERVICE_PRINCIPAL, ROOT_FEATURES } from "../state";
import type { Organization, RootFeature, RootUser } from "../state";
import type { Handler } from "./handler";

export const IAM_VERSION = "2010-05-08";
export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

function requireFeatureOrganization(world: World, caller: Caller, mutating: boolean): Organization {
  const org = world.organizationOf(caller.accountId);
  if (!org) {
    throw new AwsError(
      "OrganizationNotFoundException",
      "The request was rejected because no organization is associated with your account.",
    );
  }
  if (org.featureSet !== "ALL") {
    throw new AwsError(
      "OrganizationNotInAllFeaturesModeException",
      "The request was rejected because your organization does not have All features enabled.",
    );
  }
  if (!world.iamSeesTrustedAccess(org)) {
    throw new AwsError(
      "ServiceAccessNotEnabledException",
      "The request was rejected because trusted access is not enabled for IAM in AWS Organizations.",
    );
  }
  if (caller.accountId === org.managementAccountId) return org;
  if (world.isDelegatedAdministrator(org, caller.accountId, IAM_SERVICE_PRINCIPAL)) {
    if (mutating) {
      throw new AwsError(
        "CallerIsNotManagementAccountException",
        "The request was rejected because the account making the request is not the management account for the organization.",
      );
    }
    return org;
  }
  throw new AwsError(
    "AccountNotManagementOrDelegatedAdministratorException",
    "The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.",
  );
}

function features(org: Organization): Record<string, unknown> {
  return { OrganizationId: org.id, EnabledFeatures: [...org.enabledRootFeatures] };
}

/** An Enable or Disable operation for one feature. */
function setFeature(feature: RootFeature, enabled: boolean): Handler {
  return (world, caller) => {
    const org = requireFeatureOrganization(world, caller, true);
    const set = new Set(org.enabledRootFeatures);
    if (enabled) set.add(feature);
    else set.delete(feature);
    org.enabledRootFeatures = ROOT_FEATURES.filter((f) => set.has(f));
    return features(org);
  };
}

export const FEATURE_OPERATIONS: Record<string, Handler> = {
  ListOrganizationsFeatures: (world, caller) => features(requireFeatureOrganization(world, caller, false)),
  EnableOrganizationsRootSessions: setFeature("RootSessions", true),
  DisableOrganizationsRootSessions: setFeature("RootSessions", false),
  EnableOrganizationsRootCredentialsManagement: setFeature("RootCredentialsManagement", true),
  DisableOrganizationsRootCredentialsManagement: setFeature("RootCredentialsManagement", false),
};

/* ---------------------------------------------------------------- the root user, in a root session */

const CREATED = "2024-11-15T00:00:00Z";

function notFound(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

/** The account's root user credentials, made empty if the state has none yet. */
function accountRootUser(world: World, accountId: string): RootUser {
  const account = world.account(accountId);
  if (!account) throw notFound("The root user cannot be found.");
  account.rootUser ??= { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] };
  return account.rootUser;
}

/**
 * The credentials an operation without `UserName` concerns: the member account's root user under a root session
 * (AWS requires a root session to leave `UserName` out for the root user). Otherwise the caller's own IAM user,
 * which the emulator models without any credentials. Named IAM users are not modeled: NoSuchEntity.
 */
function rootUserOf(world: World, caller: Caller, input: Record<string, unknown>): RootUser {
  if (input.UserName !== undefined) throw notFound(`The user with name ${String(input.UserName).slice(0, 64)} cannot be found.`);
  if (caller.session?.kind === "root") return accountRootUser(world, caller.accountId);
  return { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] };
}

function requireParam(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== "string" || v === "") {
    throw new AwsError(
      "ValidationError",
      `1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

function hasLoginProfile(root: RootUser): boolean {
  return root.password || root.recoveryProfile === true;
}

/** Removes one credential, or answers NoSuchEntity as IAM does for an ID it does not know. */
function removeFrom(list: string[], id: string, what: string): string[] {
  if (!list.includes(id)) throw notFound(`The ${what} with id ${id.slice(0, 128)} cannot be found.`);
  return list.filter((x) => x !== id);
}

export const ROOT_USER_OPERATIONS: Record<string, Handler> = {
  /** Account-wide, whoever asks: the root user's credentials are part of the account's summary. */
  GetAccountSummary(world, caller) {
    const root = accountRootUser(world, caller.accountId);
    const present = (b: boolean): number => (b ? 1 : 0);
    return {
      SummaryMap: new XmlMap({
        AccountMFAEnabled: present(root.mfaDevices.length > 0),
        AccountAccessKeysPresent: present(root.accessKeys.length > 0),
        AccountSigningCertificatesPresent: present(root.signingCertificates.length > 0),
        AccountPasswordPresent: present(root.password),
        Users: 0,
        Groups: 0,
        Roles: 0,
        Policies: 0,
      }),
    };
  },

  GetUser(world, caller, input) {
    rootUserOf(world, caller, input);
    if (caller.session?.kind !== "root") {
      return {
        User: {
          Path: "/",
          UserName: "emulated",
          UserId: "AIDAEMULATEDUSER0001",
          Arn: world.principalArn(caller),
          CreateDate: CREATED,
        },
      };
    }
    return {
      User: {
        Path: "/",
        UserName: "root",
        UserId: caller.accountId,
        Arn: `arn:aws:iam::${caller.accountId}:root`,
        CreateDate: CREATED,
      },
    };
  },

  GetLoginProfile(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    if (!hasLoginProfile(root)) throw notFound("Login Profile for User root cannot be found.");
    return { LoginProfile: { UserName: "root", CreateDate: CREATED, PasswordResetRequired: false } };
  },

  /** In a root session it takes no password: it makes recovery ("forgot password") possible for the account owner. */
  CreateLoginProfile(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    if (caller.session?.kind !== "root")
      throw new AwsError("ValidationError", "Password is required unless the request is made in a root session.");
    if (input.Password !== undefined) {
      throw new AwsError("ValidationError", "A root session creates a login profile without a password; leave Password out.");
    }
    if (hasLoginProfile(root)) throw new AwsError("EntityAlreadyExists", "Login Profile for user root already exists.", 409);
    root.recoveryProfile = true;
    return { LoginProfile: { UserName: "root", CreateDate: new Date().toISOString(), PasswordResetRequired: false } };
  },

  DeleteLoginProfile(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    if (!hasLoginProfile(root)) throw notFound("Login Profile for User root cannot be found.");
    root.password = false;
    delete root.recoveryProfile;
    return {};
  },

  ListAccessKeys(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    return {
      AccessKeyMetadata: root.accessKeys.map((id) => ({
        UserName: "root",
        AccessKeyId: id,
        Status: "Active",
        CreateDate: CREATED,
      })),
      IsTruncated: false,
    };
  },

  DeleteAccessKey(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    const id = requireParam(input, "AccessKeyId");
    root.accessKeys = removeFrom(root.accessKeys, id, "Access Key");
    if (root.accessKeyLastUsed && Object.hasOwn(root.accessKeyLastUsed, id)) delete root.accessKeyLastUsed[id];
    return {};
  },

  GetAccessKeyLastUsed(world, caller, input) {
    const root = rootUserOf(world, caller, {});
    const id = requireParam(input, "AccessKeyId");
    if (!root.accessKeys.includes(id)) throw notFound(`The Access Key with id ${id.slice(0, 128)} cannot be found.`);
    const used = root.accessKeyLastUsed && Object.hasOwn(root.accessKeyLastUsed, id) ? root.accessKeyLastUsed[id] : undefined;
    return {
      UserName: "root",
      AccessKeyLastUsed: used
        ? { LastUsedDate: used.date, ServiceName: used.service, Region: used.region }
        : { ServiceName: "N/A", Region: "N/A" },
    };
  },

  ListSigningCertificates(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    return {
      Certificates: root.signingCertificates.map((id) => ({
        UserName: "root",
        CertificateId: id,
        CertificateBody: "-----BEGIN CERTIFICATE-----\nemulated\n-----END CERTIFICATE-----",
        Status: "Active",
        UploadDate: CREATED,
      })),
      IsTruncated: false,
    };
  },

  DeleteSigningCertificate(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    root.signingCertificates = removeFrom(root.signingCertificates, requireParam(input, "CertificateId"), "Signing Certificate");
    return {};
  },

  ListMFADevices(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    return {
      MFADevices: root.mfaDevices.map((serial) => ({ UserName: "root", SerialNumber: serial, EnableDate: CREATED })),
      IsTruncated: false,
    };
  },

  /** The device is no longer associated with the root user; a virtual device itself stays in the account, unassigned. */
  DeactivateMFADevice(world, caller, input) {
    const root = rootUserOf(world, caller, input);
    root.mfaDevices = removeFrom(root.mfaDevices, requireParam(input, "SerialNumber"), "MFA device");
    return {};
  },
};

export const IAM_OPERATIONS: Record<string, Handler> = { ...FEATURE_OPERATIONS, ...ROOT_USER_OPERATIONS };
