/**
 * Writes `schema.json`, the Pulumi package schema of the native provider `aws-root-access`, from the code: the kinds
 * and their properties from the providers (`provider/providers/index.ts`), the descriptions from the TSDoc of the
 * resource classes and their args. `npm run gen:schema` rewrites it; tests/unit/native/schema.spec.ts fails when the
 * checked-in file differs from a fresh generation.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { KIND_PROVIDERS } from "../provider/providers";
import { ALL_FEATURES } from "../provider/core/features";
import { CREDENTIAL_KINDS } from "../provider/core/rootCredentials";
import { CONNECTION_KEYS } from "../provider/core/target";
import { COMPONENTS, CREDENTIAL_KIND_TYPE, FEATURE_TYPE, PACKAGE, tokenOf } from "../provider/native/tokens";

const ROOT = join(__dirname, "..");
export const SCHEMA_FILE = join(ROOT, "schema.json");

/** The repository, and from it the Go SDK's module (`sdk/go`) and package (`sdk/go/awsrootaccess`) paths. */
const REPOSITORY = "https://github.com/pulumi-aws-root-access/pulumi-aws-root-access";
const GO_IMPORT_PATH = "github.com/pulumi-aws-root-access/pulumi-aws-root-access/sdk/go/awsrootaccess";

type SchemaType = { type: string; items?: SchemaType } | { $ref: string; type?: string; items?: SchemaType };

const STRING = { type: "string" };
const BOOLEAN = { type: "boolean" };
const INTEGER = { type: "integer" };
const FEATURES = { type: "array", items: { $ref: `#/types/${FEATURE_TYPE}` } };
const STRINGS = { type: "array", items: STRING };

/** The schema type of every property any kind declares or reports; a property missing here fails generation. */
const PROPERTY_TYPES: Record<string, SchemaType> = {
  organizationId: STRING,
  region: STRING,
  profile: STRING,
  roleArn: STRING,
  enabledFeatures: FEATURES,
  propagationTimeoutSeconds: INTEGER,
  removeAdoptedOnDelete: BOOLEAN,
  disableOnDelete: BOOLEAN,
  accountId: STRING,
  remove: { type: "array", items: { $ref: `#/types/${CREDENTIAL_KIND_TYPE}` } },
  allowPasswordRecovery: BOOLEAN,
  enabled: BOOLEAN,
  registered: BOOLEAN,
  password: BOOLEAN,
  loginProfile: BOOLEAN,
  accessKeys: STRINGS,
  signingCertificates: STRINGS,
  mfaDevices: STRINGS,
  credentialCount: INTEGER,
  features: FEATURES,
  delegatedAdministratorAccountId: STRING,
  disableTrustedAccessOnDelete: BOOLEAN,
  excludeAccountIds: STRINGS,
  accountIds: STRINGS,
};

/** Inputs a kind takes that programs never set themselves (the `import` option's marker, a component's grouping). */
export const INTERNAL = new Set(["importId", "auditTogether"]);

/** Each feature and credential kind, with what it means (shown by SDKs and the registry). */
const FEATURE_DOCS: Record<string, string> = {
  RootCredentialsManagement: "Delete and audit root credentials of member accounts, and allow password recovery.",
  RootSessions: "Take privileged root actions in member accounts through short-lived root sessions.",
};
const CREDENTIAL_DOCS: Record<string, string> = {
  password: "The root user's password (its login profile).",
  accessKeys: "The root user's access keys.",
  signingCertificates: "The root user's X.509 signing certificates.",
  mfaDevices: "The root user's MFA devices (deactivated).",
};

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The TSDoc of a symbol as plain text: the summary and any @example, without the tags' markup. */
function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  // Lines joined within a paragraph: how the source happens to wrap a comment is not part of the description.
  const summary = ts
    .displayPartsToString(symbol.getDocumentationComment(checker))
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " "))
    .join("\n\n");
  const examples = symbol
    .getJsDocTags(checker)
    .filter((t) => t.name === "example")
    .map((t) => ts.displayPartsToString(t.text).trim());
  const text = [summary, ...examples.map((e) => `Example (TypeScript):\n\n    ${e.split("\n").join("\n    ")}`)]
    .filter((p) => p !== "")
    .join("\n\n");
  // {@link X} reads as X outside TypeScript.
  return text.replace(/\{@link\s+([^}\s]+)\s*\}/g, "`$1`");
}

function typeOf(property: string, kind: string): SchemaType {
  const type = PROPERTY_TYPES[property];
  if (!type) throw new Error(`${kind}.${property} has no schema type: add it to PROPERTY_TYPES in tools/gen-schema.ts`);
  return type;
}

function withDoc(type: SchemaType, description: string): Record<string, unknown> {
  return description ? { ...type, description } : { ...type };
}

/** Builds the schema from the code; the same object every time for the same code. */
export function buildSchema(): Record<string, unknown> {
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const kinds = Object.keys(KIND_PROVIDERS) as Array<keyof typeof KIND_PROVIDERS>;
  const classes = [...kinds, ...COMPONENTS];
  const files = [
    ...classes.map((k) => join(ROOT, "provider", "resources", `${lowerFirst(k)}.ts`)),
    join(ROOT, "provider", "resources", "connectionArgs.ts"),
  ];
  const program = ts.createProgram(files, { strict: true, esModuleInterop: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const exportsOf = (file: string): ts.Symbol[] => {
    const source = program.getSourceFile(file)!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  };

  const connectionArgs = exportsOf(files[files.length - 1]!).find((s) => s.name === "ConnectionArgs")!;
  const connectionType = checker.getDeclaredTypeOfSymbol(connectionArgs);
  const connectionDocs = Object.fromEntries(
    CONNECTION_KEYS.map((key) => [key, docOf(checker.getPropertyOfType(connectionType, key)!, checker)]),
  );

  const resources: Record<string, unknown> = {};
  classes.forEach((kind, i) => {
    const exported = exportsOf(files[i]!);
    const cls = exported.find((s) => s.name === kind);
    const args = exported.find((s) => s.name === `${kind}Args`);
    if (!cls || !args) throw new Error(`provider/resources/${lowerFirst(kind)}.ts must export ${kind} and ${kind}Args`);
    const argsType = checker.getDeclaredTypeOfSymbol(args);
    const component = (COMPONENTS as readonly string[]).includes(kind);
    // A custom kind takes what its provider checks; a component, everything its args declare.
    const inputNames = component
      ? checker.getPropertiesOfType(argsType).map((p) => p.name)
      : KIND_PROVIDERS[kind as keyof typeof KIND_PROVIDERS].properties.filter((p) => !INTERNAL.has(p));
    const inputProperties: Record<string, unknown> = {};
    const requiredInputs: string[] = [];
    for (const name of inputNames) {
      const symbol = checker.getPropertyOfType(argsType, name);
      if (!symbol) throw new Error(`${kind} takes property ${name}, but ${kind}Args does not declare it`);
      inputProperties[name] = withDoc(typeOf(name, kind), docOf(symbol, checker));
      if (!(symbol.flags & ts.SymbolFlags.Optional)) requiredInputs.push(name);
    }
    // Outputs: the class's declared Output members, and every input (the state records them).
    const instance = checker.getDeclaredTypeOfSymbol(cls);
    const properties: Record<string, unknown> = { ...inputProperties };
    const optionalOutputs = new Set<string>();
    for (const member of checker.getPropertiesOfType(instance)) {
      const decl = member.valueDeclaration;
      if (!decl || !ts.isPropertyDeclaration(decl) || !decl.type || !/^pulumi\.Output</.test(decl.type.getText())) continue;
      if (member.name === "urn" || member.name === "id") continue;
      properties[member.name] = withDoc(typeOf(member.name, kind), docOf(member, checker));
      if (/\bundefined\b/.test(decl.type.getText())) optionalOutputs.add(member.name);
    }
    resources[tokenOf(kind)] = {
      ...(component ? { isComponent: true } : {}),
      description: docOf(cls, checker),
      inputProperties,
      requiredInputs,
      properties,
      required: Object.keys(properties)
        .filter((p) => (!(p in inputProperties) && !optionalOutputs.has(p)) || requiredInputs.includes(p))
        .sort(),
    };
  });

  const configVariables = Object.fromEntries(
    CONNECTION_KEYS.map((key) => [
      key,
      { type: "string", description: `${connectionDocs[key]} The default for every resource of this provider.` },
    ]),
  );
  const enumOf = (values: readonly string[], docs: Record<string, string>, description: string) => ({
    type: "string",
    description,
    enum: values.map((value) => ({ value, name: value.charAt(0).toUpperCase() + value.slice(1), description: docs[value] })),
  });
  return {
    name: PACKAGE,
    displayName: "AWS IAM centralized root access",
    version,
    description:
      "Manage AWS IAM centralized root access for an AWS Organization: its features, their prerequisites and member accounts' root credentials.",
    keywords: ["pulumi", "aws", "iam", "organizations", "root", "category/cloud", "kind/native"],
    license: "Apache-2.0",
    config: { variables: configVariables },
    provider: {
      description: "The aws-root-access provider: where and as whom its resources call AWS, unless they say otherwise.",
      inputProperties: configVariables,
    },
    types: {
      [FEATURE_TYPE]: enumOf(ALL_FEATURES, FEATURE_DOCS, "An IAM centralized root access feature."),
      [CREDENTIAL_KIND_TYPE]: enumOf(CREDENTIAL_KINDS, CREDENTIAL_DOCS, "A kind of root credential of a member account."),
    },
    resources,
    repository: REPOSITORY,
    // Packable SDKs: the Go SDK is its own module in sdk/go, with a go.mod (tools/gen-sdk).
    meta: { supportPack: true },
    language: {
      python: { packageName: "pulumi_aws_root_access", respectSchemaVersion: true, pyproject: { enabled: true } },
      go: { importBasePath: GO_IMPORT_PATH, respectSchemaVersion: true, generateResourceContainerTypes: true },
    },
  };
}

/** The schema as written to schema.json. */
export function schemaText(schema = buildSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, schemaText());
  process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
}
