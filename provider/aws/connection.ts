/**
 * Where and as whom the package calls AWS: the settings a resource declares, and the client configuration built
 * from them. Credentials come from the AWS SDK's own chains (environment, shared config/profile, SSO,
 * container/instance roles, AWS_ENDPOINT_URL_*); none of them ever passes through here as a value.
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { CONNECTION_KEYS } from "../core/target";
import type { ConnectionKey, ConnectionValues } from "../core/target";
import { isMissingCredentials, scrubSecrets } from "../errors";

/** Where and as whom to call AWS. None of these is a secret. */
export interface ConnectionSettings {
  region?: string;
  profile?: string;
  /** A role to assume (with the credentials the chain finds) before calling AWS. */
  roleArn?: string;
  /** Where `profile` and `roleArn` came from, for error messages ("the stack config `aws:profile`", …). */
  sources?: { profile?: string; roleArn?: string };
}

/** One place connection settings come from, and the words a message uses for it ("the stack config `aws:profile`"). */
export interface SettingsLayer {
  values: Partial<Record<ConnectionKey, unknown>>;
  source(key: ConnectionKey): string;
}

/** The settings of a function called from code or a command line: its own options are its only layer. */
export function optionsConnection(options: Partial<Record<ConnectionKey, unknown>>): ConnectionSettings {
  const { region, profile, roleArn } = options;
  return resolveConnection([{ values: { region, profile, roleArn }, source: (key) => `the \`${key}\` option` }]);
}

/**
 * The settings to call AWS with: each key from the first layer that sets it (a resource's own inputs, then provider
 * configuration, then the stack's), with where `profile` and `roleArn` came from. Unset keys are left to the SDK.
 */
export function resolveConnection(layers: readonly SettingsLayer[]): ConnectionSettings {
  const settings: ConnectionSettings = {};
  const sources: NonNullable<ConnectionSettings["sources"]> = {};
  for (const key of CONNECTION_KEYS) {
    const layer = layers.find((l) => typeof l.values[key] === "string" && l.values[key] !== "");
    if (!layer) continue;
    settings[key] = layer.values[key] as string;
    if (key !== "region") sources[key] = layer.source(key);
  }
  return { ...settings, sources };
}

/** The stack configuration every face honours: `aws:region` and `aws:profile`, as the AWS provider reads them. */
export function readStackSettings(config: { get(key: string): string | undefined }): ConnectionValues {
  const settings: ConnectionValues = {};
  for (const key of ["region", "profile"] as const) {
    const value = config.get(`aws:${key}`);
    if (value) settings[key] = value;
  }
  return settings;
}

/** The stack configuration as a layer of settings. */
export function stackLayer(values: ConnectionValues): SettingsLayer {
  return { values, source: (key) => `the stack config \`aws:${key}\`` };
}

/** IAM is a global service; this region is used only when nothing else names one. */
export const FALLBACK_REGION = "us-east-1";
const ROLE_SESSION_NAME = "pulumi-aws-root-access";
/** Bounded retries with the SDK's standard strategy (exponential backoff with jitter, throttling-aware). */
export const MAX_ATTEMPTS = 6;
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTION_TIMEOUT_MS = 5_000;

/** "profile "x" (from the stack config `aws:profile`)": which credentials a lookup used, for error messages. */
export function describeCredentials(settings: ConnectionSettings): string | undefined {
  const profile = settings.profile ?? process.env.AWS_PROFILE;
  const profileSource = settings.profile ? settings.sources?.profile : "the AWS_PROFILE environment variable";
  const named = profile ? `profile "${profile}"${profileSource ? ` (from ${profileSource})` : ""}` : undefined;
  if (!settings.roleArn) return named;
  const role = `role ${settings.roleArn}${settings.sources?.roleArn ? ` (from ${settings.sources.roleArn})` : ""}`;
  return named ? `${role}, assumed with ${named}` : role;
}

/** Marks an SDK credential error with the profile or role it was looked up with; other errors pass unchanged. */
export function withCredentialSource(settings: ConnectionSettings): (err: unknown) => never {
  return (err) => {
    const described = describeCredentials(settings);
    if (described && isMissingCredentials(err)) {
      Object.assign(err as object, { credentials: described });
    }
    throw err;
  };
}

async function resolveRegion(settings: ConnectionSettings): Promise<string> {
  if (settings.region) return settings.region;
  const probe = new IAMClient(settings.profile ? { profile: settings.profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return FALLBACK_REGION;
  } finally {
    probe.destroy();
  }
}

/** The settings every client of this package shares; a plain shape so IAM, Organizations and STS all accept it. */
export interface ClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: string;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
  profile?: string;
  credentials?: ReturnType<typeof fromTemporaryCredentials>;
}

/** Region (resolved with the profile), retries and timeouts: what every client shares, whatever its credentials. */
export async function sharedClientConfig(
  settings: ConnectionSettings,
): Promise<Pick<ClientConfig, "region" | "maxAttempts" | "retryMode" | "requestHandler">> {
  return {
    region: await resolveRegion(settings),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: CONNECTION_TIMEOUT_MS },
  };
}

/** A client's configuration: the shared settings, and credentials from the profile or the role to assume. */
export async function clientConfig(settings: ConnectionSettings): Promise<ClientConfig> {
  const config: ClientConfig = await sharedClientConfig(settings);
  const region = config.region;
  if (settings.profile) config.profile = settings.profile;
  if (settings.roleArn) {
    config.credentials = fromTemporaryCredentials({
      params: { RoleArn: settings.roleArn, RoleSessionName: ROLE_SESSION_NAME },
      clientConfig: { region, maxAttempts: MAX_ATTEMPTS },
      ...(settings.profile ? { masterCredentials: fromIni({ profile: settings.profile }) } : {}),
    });
  }
  return config;
}

/**
 * The credentials a client resolved (from a profile, SSO, a role, …): an endpoint may echo them, so every error
 * of that client loses them before anything reads it. Nothing when they cannot be resolved.
 */
async function resolvedSecrets(client: object): Promise<Array<string | undefined>> {
  const provider = (client as { config?: { credentials?: () => Promise<Record<string, unknown>> } }).config?.credentials;
  try {
    const c = provider ? await provider() : {};
    return [c.accessKeyId, c.secretAccessKey, c.sessionToken].map((v) => (typeof v === "string" ? v : undefined));
  } catch {
    return [];
  }
}

/**
 * A client built on first use, for one provider call; every `send` marks credential errors with their source.
 * `make` is a function, not a class held in a table: SDK classes in a module-level value would be copied into
 * `__provider`.
 */
export function lazyClient<C extends { send(command: never): Promise<unknown> }>(
  settings: ConnectionSettings,
  make: (config: ClientConfig) => C,
): () => Promise<{ send: C["send"] }> {
  let client: Promise<C> | undefined;
  const annotate = withCredentialSource(settings);
  return async () => {
    const c = await (client ??= clientConfig(settings).then(make));
    const fail = async (err: unknown): Promise<never> => {
      scrubSecrets(err, await resolvedSecrets(c));
      return annotate(err);
    };
    return { send: ((command: never) => c.send(command).catch(fail)) as C["send"] };
  };
}
