/**
 * The serialized provider of `OrganizationsFeatures`: the feature lifecycle over every feature, authoritatively,
 * as `enabledFeatures` declares. The module's exports are the provider itself, so an installed package is captured
 * as one require() of this file.
 */
import { makeProvider } from "./provider";
import { importIsOrganization } from "../core/validate";
import { FEATURE_PROPERTIES, featureLifecycle } from "./featureLifecycle";

export = makeProvider(
  "OrganizationsFeatures",
  [...FEATURE_PROPERTIES, "enabledFeatures"],
  featureLifecycle({ kind: "OrganizationsFeatures" }),
  [importIsOrganization],
);
