/** An in-memory AwsApi for unit tests, every service: records calls and can fail a chosen one. */
import type {
  AccountInfo,
  AwsApi,
  FeatureState,
  IamApi,
  OrganizationInfo,
  OrganizationsApi,
  RootSessionsApi,
  RootUserSummary,
  StsApi,
} from "../provider/aws";
import type { FeatureName } from "../provider/core/features";

/** A root user with no credential, as GetAccountSummary reports it. */
const NO_ROOT_CREDENTIALS: RootUserSummary = {
  password: false,
  accessKeys: false,
  signingCertificates: false,
  mfaDevices: false,
};

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
  /** Root sessions are modelled by the emulator (tests/integ, tests/e2e), with the task policies AWS publishes. */
  readonly rootSessions: RootSessionsApi = {
    withRootSession: async () => {
      throw new Error("FakeApi does not model root sessions: test member-account work against the emulator");
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
      return { ...NO_ROOT_CREDENTIALS };
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
      listAccounts: async (onPage) => {
        this.maybeFail("listAccounts");
        const accounts = this.accounts.map((a) => ({ ...a }));
        onPage?.(accounts);
        return accounts;
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

/** An error shaped like the AWS SDK's: matched by `name`. */
export function awsError(name: string, message = `${name} from AWS`): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}
