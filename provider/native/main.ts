#!/usr/bin/env node
/** `pulumi-resource-aws-root-access`: the native provider plugin, as the Pulumi engine starts it. */
import { serve } from "./server";

serve(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-aws-root-access: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
