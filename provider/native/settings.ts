/**
 * The native provider's connection layers: its own configuration (`aws-root-access:region`, …), then the stack's
 * `aws:region` and `aws:profile`. The engine hands a provider only its own namespace, so the stack's settings are
 * read from the stack's settings file, `Pulumi.<stack>.yaml` in the program's directory (plain values only).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readStackSettings } from "../aws";
import type { SettingsLayer } from "../aws";
import { CONNECTION_KEYS } from "../core/target";
import type { ConnectionValues } from "../core/target";
import { PACKAGE } from "./tokens";
import { yaml } from "./protocol";
import type { Props } from "./protocol";

/** The provider's own configuration, from Configure's arguments (or its older `variables` map). */
export function providerConfig(args: Props, variables: ReadonlyMap<string, string>): ConnectionValues {
  const values: ConnectionValues = {};
  for (const key of CONNECTION_KEYS) {
    const v = args[key] ?? variables.get(`${PACKAGE}:${key}`);
    if (typeof v === "string" && v !== "") values[key] = v;
  }
  return values;
}

export function providerLayer(values: ConnectionValues): SettingsLayer {
  return { values, source: (key) => `the provider config \`${PACKAGE}:${key}\`` };
}

/** The stack of a URN (`urn:pulumi:<stack>::<project>::…`). */
export function stackOfUrn(urn: string): string {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1] ?? "";
}

/** `aws:region` and `aws:profile` from the stack's settings file in `dir`; nothing when there is none. */
export function stackFileSettings(dir: string, stack: string): ConnectionValues {
  const file = join(dir, `Pulumi.${stack}.yaml`);
  if (stack === "" || !existsSync(file)) return {};
  const parsed = yaml.load(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | undefined;
  const config = parsed?.config ?? {};
  return readStackSettings({ get: (key) => (typeof config[key] === "string" ? (config[key] as string) : undefined) });
}
