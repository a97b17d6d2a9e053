/** The inputs every kind takes to say how it reaches AWS, and which organization it may act on. One list, used everywhere. */

/** How a resource reaches AWS: where, and as whom. */
export const CONNECTION_KEYS = ["region", "profile", "roleArn"] as const;
export type ConnectionKey = (typeof CONNECTION_KEYS)[number];

/** Connection settings as configuration holds them: some of the keys, each a string. */
export type ConnectionValues = Partial<Record<ConnectionKey, string>>;

/** The connection keys and the organization guard: together they decide which organization a resource acts on. */
export const TARGET_KEYS = ["organizationId", ...CONNECTION_KEYS] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

/** The target inputs of some arguments, and nothing else (for a component handing them to its children). */
export function targetOf<T extends Partial<Record<TargetKey, unknown>>>(args: T): Pick<T, TargetKey> {
  const out: Partial<Record<TargetKey, unknown>> = {};
  for (const key of TARGET_KEYS) out[key] = args[key];
  return out as Pick<T, TargetKey>;
}
