/**
 * Test program: declares resources from raw JSON in config, so a test can hand the engine any input, however wrong.
 * Config `resources`: [{ "kind": "OrganizationsFeatures", "name": "r0", "args": { ... }, "opts": { ... } }, ...]
 * `opts` may carry `aliases` (old names), `retainOnDelete`, `dependsOn` (names declared earlier), `import` and `id`
 * (a lookup, as `get` does). `exports` names outputs to export as stack outputs `<name>.<output>`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as rootAccess from "pulumi-aws-root-access";

interface Declared {
  kind: keyof typeof rootAccess;
  name: string;
  args: Record<string, unknown>;
  opts?: { aliases?: string[]; retainOnDelete?: boolean; dependsOn?: string[]; import?: string; id?: string };
  exports?: string[];
}

const declared = new Map<string, pulumi.Resource>();
export const outputs: Record<string, unknown> = {};
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
  if (r.opts?.id) opts.id = r.opts.id;
  const resource = new Resource(r.name, r.args, opts);
  declared.set(r.name, resource);
  for (const output of r.exports ?? []) outputs[`${r.name}.${output}`] = (resource as unknown as Record<string, unknown>)[output];
}
