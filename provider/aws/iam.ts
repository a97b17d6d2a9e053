/** The IAM adapter: centralized root access features. */
import {
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
} from "@aws-sdk/client-iam";
import { canonical, isFeatureName } from "../core/features";
import type { FeatureName } from "../core/features";
import type { FeatureState, IamApi, RootUserSummary } from "./api";
import { lazyClient } from "./connection";
import type { ConnectionSettings } from "./connection";

function toState(out: { OrganizationId?: string | undefined; EnabledFeatures?: string[] | undefined }): FeatureState {
  if (!out.OrganizationId) throw new Error("IAM answered without an OrganizationId");
  return { organizationId: out.OrganizationId, enabledFeatures: canonical((out.EnabledFeatures ?? []).filter(isFeatureName)) };
}

export type Iam = { send: IAMClient["send"] };

// A function, not a lookup table: SDK classes held in a module-level value would be copied into `__provider`.
async function sendSetFeature(client: Iam, feature: FeatureName, enabled: boolean) {
  switch (feature) {
    case "RootSessions":
      return enabled
        ? client.send(new EnableOrganizationsRootSessionsCommand({}))
        : client.send(new DisableOrganizationsRootSessionsCommand({}));
    case "RootCredentialsManagement":
      return enabled
        ? client.send(new EnableOrganizationsRootCredentialsManagementCommand({}))
        : client.send(new DisableOrganizationsRootCredentialsManagementCommand({}));
    default: {
      // A feature added to FeatureName without a command here fails to compile, instead of sending the wrong one.
      const unhandled: never = feature;
      throw new Error(`no IAM command for feature ${String(unhandled)}`);
    }
  }
}

/** GetAccountSummary read as the root user's kinds of credential: for a root session and for the caller's own account. */
export async function readAccountSummary(client: Iam): Promise<RootUserSummary> {
  const map = (await client.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
  return {
    password: (map.AccountPasswordPresent ?? 0) > 0,
    accessKeys: (map.AccountAccessKeysPresent ?? 0) > 0,
    signingCertificates: (map.AccountSigningCertificatesPresent ?? 0) > 0,
    mfaDevices: (map.AccountMFAEnabled ?? 0) > 0,
  };
}

export function createIamApi(settings: ConnectionSettings): IamApi {
  const iam = lazyClient(settings, (config) => new IAMClient(config));
  return {
    async listFeatures() {
      return toState(await (await iam()).send(new ListOrganizationsFeaturesCommand({})));
    },
    async setFeature(feature, enabled) {
      return toState(await sendSetFeature(await iam(), feature, enabled));
    },
    async accountSummary() {
      return readAccountSummary(await iam());
    },
  };
}
