/**
 * The serialized provider of `RootCredentialsManagement`: the feature lifecycle for the one feature
 * RootCredentialsManagement. The module's exports are the provider itself, so an installed package is captured as
 * one require() of this file.
 */
import { makeProvider } from "./provider";
import { importIsOrganization } from "../core/validate";
import { FEATURE_PROPERTIES, featureLifecycle } from "./featureLifecycle";

export = makeProvider(
  "RootCredentialsManagement",
  FEATURE_PROPERTIES,
  featureLifecycle({ kind: "RootCredentialsManagement", fixed: "RootCredentialsManagement" }),
  [importIsOrganization],
);
