/** Each kind's provider as the engine loads it (the module's exports), for tests that call providers directly. */
import { KIND_PROVIDERS } from "../provider/providers";
import type { ResourceKind } from "../provider/providers";
import type { KindProvider } from "../provider/providers/provider";

export const PROVIDERS = KIND_PROVIDERS;
export type { ResourceKind };

/** The provider of a kind, with every method present (each kind implements them all). */
export function providerFor(kind: ResourceKind): KindProvider {
  return PROVIDERS[kind];
}
