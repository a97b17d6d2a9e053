/**
 * The serialized provider of `RootSessions`: the feature lifecycle for the one feature RootSessions. The module's
 * exports are the provider itself, so an installed package is captured as one require() of this file.
 */
import { makeProvider } from "./provider";
import { importIsOrganization } from "../core/validate";
import { FEATURE_PROPERTIES, featureLifecycle } from "./featureLifecycle";

export = makeProvider("RootSessions", FEATURE_PROPERTIES, featureLifecycle({ kind: "RootSessions", fixed: "RootSessions" }), [
  importIsOrganization,
]);
