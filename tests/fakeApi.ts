/** An in-memory AwsApi for unit tests, every service: records calls and can fail a chosen one. */
import type {
  AccountInfo,
  AwsApi,
  FeatureState,
  IamApi,
  OrganizationInfo,
  OrganizationsApi,
  RootSessionsApi,
  RootTask,
  RootUserApi,
  RootUserSummary,
  StsApi,
} from "../provider/aws";
import type { FeatureName } from "../provider/core/features";

const NO_ROOT_CREDENTIALS: FakeRootUser = { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] };

/** GetAccountSummary of a fake root user: which kinds of credential it has. */
function summaryOf(user: FakeRootUser): RootUserSummary {
  return {
    password: user.password,
    accessKeys: user.accessKeys.length > 0,
    signingCertificates: user.signingCertificates.length > 0,
    mfaDevices: user.mfaDevices.length > 0,
  };
}

export class FakeApi implements AwsApi {
  readonly scope = "fake";
  readonly calls: string[] = [];
  failOn: { call: string; error: Error } | undefined;
  managementAccountId = "111111111111";
  featureSet = "ALL";
  callerAccount = "111111111111";
  trusted: string[] = ["iam.amazonaws.com"];
  /** Delegated administrators for iam.amazonaws.com. */
  administrators: string[] = [];
  /** How many delegated administrators IAM accepts; unlimited when undefined. */
  administratorLimit: number | undefined;
  readonly organizations: OrganizationsApi;
  accounts: AccountInfo[] = [{ id: "111111111111", name: "management", status: "ACTIVE" }];
  /** Root users' credentials per member account, as the emulator's seed spells them. */
  rootUsers: Record<string, FakeRootUser> = {};
  /** Actions of each root-task policy, as AWS publishes them; a call outside them fails with AccessDenied. */
  static readonly TASK_ACTIONS: Record<RootTask, string[]> = {
    IAMAuditRootUserCredentials: ["summary", "loginProfile", "accessKeys", "lastUsed", "certificates", "mfa"],
    IAMDeleteRootUserCredentials: ["loginProfile", "accessKeys", "lastUsed", "certificates", "mfa", "delete", "deactivate"],
    IAMCreateRootUserPassword: ["loginProfile", "create"],
  };
  readonly rootSessions: RootSessionsApi = {
    withRootSession: async <T>(accountId: string, task: RootTask, work: (root: RootUserApi) => Promise<T>): Promise<T> => {
      this.maybeFail(`assumeRoot ${accountId} ${task}`);
      const user = (this.rootUsers[accountId] ??= { password: false, accessKeys: [], signingCertificates: [], mfaDevices: [] });
      const call = (action: string, name: string): void => {
        this.maybeFail(`${name} ${accountId}`);
        if (!FakeApi.TASK_ACTIONS[task].includes(action)) throw awsError("AccessDenied", `${name} is not in ${task}`);
      };
      return work({
        summary: async () => {
          call("summary", "summary");
          return summaryOf(user);
        },
        loginProfileExists: async () => {
          call("loginProfile", "getLoginProfile");
          return user.password || user.recoveryProfile === true;
        },
        createLoginProfile: async () => {
          call("create", "createLoginProfile");
          user.recoveryProfile = true;
        },
        deleteLoginProfile: async () => {
          call("delete", "deleteLoginProfile");
          user.password = false;
          user.recoveryProfile = false;
        },
        accessKeys: async () => (call("accessKeys", "listAccessKeys"), [...user.accessKeys]),
        accessKeyLastUsed: async (id) => (call("lastUsed", `lastUsed ${id}`), undefined),
        deleteAccessKey: async (id) => {
          call("delete", `deleteAccessKey ${id}`);
          user.accessKeys = user.accessKeys.filter((k) => k !== id);
        },
        signingCertificates: async () => (call("certificates", "listSigningCertificates"), [...user.signingCertificates]),
        deleteSigningCertificate: async (id) => {
          call("delete", `deleteSigningCertificate ${id}`);
          user.signingCertificates = user.signingCertificates.filter((c) => c !== id);
        },
        mfaDevices: async () => (call("mfa", "listMfaDevices"), [...user.mfaDevices]),
        deactivateMfaDevice: async (serial) => {
          call("deactivate", `deactivateMfaDevice ${serial}`);
          user.mfaDevices = user.mfaDevices.filter((d) => d !== serial);
        },
      });
    },
  };
  readonly iam: IamApi = {
    listFeatures: async () => {
      this.maybeFail("list");
      return this.state();
    },
    setFeature: async (feature, enabled) => {
      this.maybeFail(`${enabled ? "enable" : "disable"} ${feature}`);
      this.enabled = enabled ? [...new Set([...this.enabled, feature])] : this.enabled.filter((f) => f !== feature);
      return this.state();
    },
    accountSummary: async () => {
      this.maybeFail("accountSummary");
      return summaryOf(this.rootUsers[this.callerAccount] ?? NO_ROOT_CREDENTIALS);
    },
  };
  readonly sts: StsApi = {
    callerAccountId: async () => {
      this.maybeFail("callerAccountId");
      return this.callerAccount;
    },
  };

  constructor(
    public organizationId = "o-a1b2c3d4e5",
    public enabled: FeatureName[] = [],
  ) {
    this.organizations = {
      describeOrganization: async (): Promise<OrganizationInfo> => {
        this.maybeFail("describeOrganization");
        return { id: this.organizationId, managementAccountId: this.managementAccountId, featureSet: this.featureSet };
      },
      listAccounts: async () => {
        this.maybeFail("listAccounts");
        return this.accounts.map((a) => ({ ...a }));
      },
      listTrustedServices: async () => {
        this.maybeFail("listTrustedServices");
        return [...this.trusted];
      },
      setTrustedAccess: async (principal, enabled) => {
        this.maybeFail(`${enabled ? "enable" : "disable"} trusted access ${principal}`);
        this.trusted = enabled ? [...new Set([...this.trusted, principal])] : this.trusted.filter((p) => p !== principal);
      },
      listDelegatedAdministrators: async () => {
        this.maybeFail("listDelegatedAdministrators");
        return [...this.administrators];
      },
      setDelegatedAdministrator: async (accountId, _principal, registered) => {
        this.maybeFail(`${registered ? "register" : "deregister"} ${accountId}`);
        if (!registered) {
          this.administrators = this.administrators.filter((a) => a !== accountId);
        } else if (this.administratorLimit !== undefined && this.administrators.length >= this.administratorLimit) {
          throw Object.assign(awsError("ConstraintViolationException"), {
            Reason: "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED",
          });
        } else {
          this.administrators = [...this.administrators, accountId];
        }
      },
    };
  }

  private state(): FeatureState {
    return { organizationId: this.organizationId, enabledFeatures: [...this.enabled].sort() };
  }

  private maybeFail(call: string): void {
    this.calls.push(call);
    if (this.failOn?.call === call) throw this.failOn.error;
  }
}

export interface FakeRootUser {
  password: boolean;
  recoveryProfile?: boolean;
  accessKeys: string[];
  signingCertificates: string[];
  mfaDevices: string[];
}

/** An error shaped like the AWS SDK's: matched by `name`. */
export function awsError(name: string, message = `${name} from AWS`): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}
