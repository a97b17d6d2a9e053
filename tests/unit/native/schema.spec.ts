import { expect } from "chai";
import { readFileSync } from "node:fs";
import { INTERNAL, SCHEMA_FILE, buildSchema, schemaText } from "../../../tools/gen-schema";
import { KIND_PROVIDERS } from "../../../provider/providers";
import { tokenOf } from "../../../provider/native/tokens";

describe("schema.json, the native provider's package schema", function () {
  // Generation type-checks the resource classes: a second or two, once for the three tests.
  this.timeout(60_000);
  let schema: Record<string, unknown>;
  before(() => {
    schema = buildSchema();
  });

  it("is what the code and its TSDoc generate (run `npm run gen:schema` after changing either)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).to.equal(schemaText(schema));
  });

  it("has every kind under its public token, with every property the kind checks", () => {
    const resources = schema.resources as Record<string, { inputProperties: Record<string, unknown> }>;
    for (const [kind, provider] of Object.entries(KIND_PROVIDERS)) {
      const schema = resources[tokenOf(kind)];
      expect(schema, kind).to.not.equal(undefined);
      expect(Object.keys(schema!.inputProperties).sort()).to.deep.equal(
        provider.properties.filter((p) => !INTERNAL.has(p)).sort(),
      );
    }
  });

  it("takes its descriptions from the TSDoc", () => {
    const resources = schema.resources as Record<
      string,
      { description: string; inputProperties: Record<string, { description?: string }> }
    >;
    const features = resources["aws-root-access:index:OrganizationsFeatures"]!;
    expect(features.description).to.match(/^The authoritative set of IAM centralized root access features/);
    expect(features.inputProperties.enabledFeatures!.description).to.match(/^The features that must be enabled/);
  });
});
