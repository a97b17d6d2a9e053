/**
 * Test program: declares resources from raw JSON in config, so a test can hand the engine any input, however wrong.
 * Config `resources`: [{ "kind": "OrganizationsFeatures", "name": "r0", "args": { ... }, "opts": { ... } }, ...]
 * `opts` may carry `aliases` (old names), `retainOnDelete`, `dependsOn` (names declared earlier) and `import`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as rootAccess from "pulumi-aws-root-access";

interface Declared {
  kind: keyof typeof rootAccess;
  name: string;
  args: Record<string, unknown>;
  opts?: { aliases?: string[]; retainOnDelete?: boolean; dependsOn?: string[]; import?: string };
}

const declared = new Map<string, pulumi.Resource>();
for (const r of new pulumi.Config().requireObject<Declared[]>("resources")) {
  const Resource = rootAccess[r.kind] as unknown as new (
    name: string,
    args: unknown,
    opts?: pulumi.ResourceOptions,
  ) => pulumi.Resource;
  const opts: pulumi.CustomResourceOptions = {};
  if (r.opts?.aliases) opts.aliases = r.opts.aliases.map((name) => ({ name }));
  if (r.opts?.retainOnDelete !== undefined) opts.retainOnDelete = r.opts.retainOnDelete;
  if (r.opts?.dependsOn) opts.dependsOn = r.opts.dependsOn.map((name) => declared.get(name)!);
  if (r.opts?.import) opts.import = r.opts.import;
  declared.set(r.name, new Resource(r.name, r.args, opts));
}
