/** An in-memory RootAccessApi for unit tests: records calls and can fail a chosen one. */
import type { FeatureState, RootAccessApi } from "../provider/aws";
import type { FeatureName } from "../provider/features";

export class FakeApi implements RootAccessApi {
  readonly calls: string[] = [];
  failOn: { call: string; error: Error } | undefined;

  constructor(
    public organizationId = "o-a1b2c3d4e5",
    public enabled: FeatureName[] = [],
  ) {}

  private state(): FeatureState {
    return { organizationId: this.organizationId, enabledFeatures: [...this.enabled].sort() };
  }

  private maybeFail(call: string): void {
    this.calls.push(call);
    if (this.failOn?.call === call) throw this.failOn.error;
  }

  async listFeatures(): Promise<FeatureState> {
    this.maybeFail("list");
    return this.state();
  }

  async setFeature(feature: FeatureName, enabled: boolean): Promise<FeatureState> {
    this.maybeFail(`${enabled ? "enable" : "disable"} ${feature}`);
    this.enabled = enabled ? [...new Set([...this.enabled, feature])] : this.enabled.filter((f) => f !== feature);
    return this.state();
  }
}

/** An error shaped like the AWS SDK's: matched by `name`. */
export function awsError(name: string, message = `${name} from AWS`): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}
