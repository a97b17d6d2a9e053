/**
 * The map in docs/architecture.md, checked against the code: which room may import which, and where AWS error names
 * are matched.
 */
import { expect } from "chai";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

const PROVIDER = join(__dirname, "..", "..", "provider");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The room of a file under provider/ ("aws", "core", …; "" for provider/index.ts). */
function roomOf(file: string): string {
  const parts = relative(PROVIDER, file).split(sep);
  return parts.length > 1 ? parts[0]! : "";
}

/** The rooms a file imports from, resolved against its own folder. */
function importedRooms(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^(?:import|export)[^;]*?from "(\.[^"]+)"/gms)].map((m) => m[1]!);
  return specs.map((s) => roomOf(join(file, "..", s, "x.ts")));
}

const FILES = sources(PROVIDER);

describe("the rooms of provider/", () => {
  // Who may import whom; a room always may import itself.
  const ALLOWED: Record<string, readonly string[]> = {
    errors: [],
    core: ["errors"],
    aws: ["core", "errors"],
    rootCredentials: ["aws", "core", "errors"],
    breakGlass: ["aws", "core", "errors"],
    providers: ["aws", "core", "errors", "rootCredentials"],
    // The dynamic face: its classes register the providers below.
    resources: ["providers", "aws", "core", "errors", "rootCredentials"],
    cli: ["rootCredentials", "breakGlass", "core", "errors"],
    native: ["providers", "resources", "aws", "core", "errors"],
  };

  for (const [room, allowed] of Object.entries(ALLOWED)) {
    it(`${room}/ imports only from ${allowed.length > 0 ? allowed.join(", ") : "itself"}`, () => {
      const files = FILES.filter((f) => roomOf(f) === room);
      expect(files.length, `provider/${room}/ has files`).to.be.greaterThan(0);
      const wrong = files.flatMap((f) =>
        importedRooms(f)
          .filter((r) => r !== room && !allowed.includes(r))
          .map((r) => `${relative(PROVIDER, f)} imports ${r}/`),
      );
      expect(wrong).to.deep.equal([]);
    });
  }

  it("has no room the map does not know", () => {
    const rooms = new Set(FILES.map(roomOf).filter((r) => r !== ""));
    expect([...rooms].filter((r) => !Object.hasOwn(ALLOWED, r))).to.deep.equal([]);
  });
});

describe("AWS error names", () => {
  const MAPPING = join(PROVIDER, "errors", "awsNames.ts");
  // Every quoted AWS name the mapping matches: table keys and the names its predicates compare.
  const mapping = readFileSync(MAPPING, "utf8");
  const names = new Set(
    [...mapping.matchAll(/"([A-Z][A-Za-z]+)"/g), ...mapping.matchAll(/^\s+([A-Z][A-Za-z]+|[A-Z_]{6,}):/gm)]
      .map((m) => m[1]!)
      .filter((n) => !n.endsWith("Error") || n === "CredentialsProviderError"),
  );

  it("are read from the mapping, which matches at least the names the providers rely on", () => {
    for (const n of ["NoSuchEntity", "AccessDenied", "CredentialsProviderError", "ServiceAccessNotEnabled"]) {
      expect(names.has(n), n).to.equal(true);
    }
  });

  it("are matched in provider/errors/awsNames.ts only", () => {
    const elsewhere = FILES.filter((f) => f !== MAPPING).flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return [...names].filter((n) => text.includes(`"${n}"`)).map((n) => `${relative(PROVIDER, f)}: "${n}"`);
    });
    expect(elsewhere).to.deep.equal([]);
  });

  it("package errors are recognised with their static is(), never instanceof (two copies of the package disagree)", () => {
    const found = FILES.flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/instanceof ([A-Z]\w*Error)\b/g)]
        .filter((m) => m[1] !== "Error")
        .map((m) => `${relative(PROVIDER, f)}: instanceof ${m[1]}`),
    );
    expect(found).to.deep.equal([]);
  });
});
