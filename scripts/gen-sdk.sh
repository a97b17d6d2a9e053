#!/usr/bin/env bash
# Regenerates the Python and Go SDKs (sdk/python, sdk/go) from schema.json with tools/gen-sdk, Pulumi's own code
# generators at the CLI's release. The tool is built into the cache outside the repository (a minute the first time,
# then seconds). An argument writes the SDKs to another directory instead (the drift test does).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${1:-$repo/sdk}
cache_root=${PULUMI_AWS_ROOT_ACCESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aws-root-access}
command -v go >/dev/null || { echo "error: gen-sdk needs a Go toolchain (>= 1.25)" >&2; exit 1; }
tool="$cache_root/gen-sdk/gen-sdk"
mkdir -p "$(dirname "$tool")"
(cd "$repo/tools/gen-sdk" && go build -mod=readonly -o "$tool.$$" . && mv -f "$tool.$$" "$tool")
"$tool" -schema "$repo/schema.json" -out "$out"
