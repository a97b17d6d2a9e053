/** The STS adapter. */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { StsApi } from "./api";
import { lazyClient } from "./connection";
import type { ConnectionSettings } from "./connection";

export function createStsApi(settings: ConnectionSettings): StsApi {
  const sts = lazyClient(settings, (config) => new STSClient(config));
  return {
    async callerAccountId() {
      return (await (await sts()).send(new GetCallerIdentityCommand({}))).Account ?? "";
    },
  };
}
