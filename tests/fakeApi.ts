/** An in-memory AwsApi for unit tests, every service: records calls and can fail a chosen one. */
import type { AwsApi, FeatureState, IamApi, OrganizationInfo, OrganizationsApi, StsApi } from "../provider/aws";
import type { FeatureName } from "../provider/core/features";

export class FakeApi implements AwsApi {
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
