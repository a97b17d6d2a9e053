#!/usr/bin/env bash
# Provides a Pulumi CLI, its Node.js, YAML and Python language hosts and the dynamic-provider launcher, offline.
# Uses a `pulumi` already on PATH when there is one; otherwise builds pinned versions from Go modules into a cache
# outside the repository (keyed by version, so later runs are instant). The last line printed is the directory to
# put first on PATH.
set -euo pipefail

PULUMI_VERSION=v3.274.1          # newest pkg/v3 served; one CLI for both legs (SDK 3.248.0 on Node 20, 3.276.0 on Node 24)
LANGUAGE_HOST_VERSION=v3.68.0    # newest sdk/v3 release that still contains pulumi-language-nodejs (see README)
YAML_HOST_VERSION=v1.25.0        # github.com/pulumi/pulumi-yaml, pinned in pulumi-cli/language-yaml/go.mod
here=$(cd "$(dirname "$0")" && pwd)
launchers="$here/bin"
cache_root=${PULUMI_AWS_ROOT_ACCESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aws-root-access}
bin="$cache_root/pulumi-$PULUMI_VERSION-nodejs-host-$LANGUAGE_HOST_VERSION/bin"

say() { printf '%s\n' "$*" >&2; }

complete() {
  [ -x "$1/pulumi" ] && [ -x "$1/pulumi-language-nodejs" ] && [ -x "$1/pulumi-resource-pulumi-nodejs" ] &&
    [ -x "$1/pulumi-language-yaml" ] && [ -x "$1/pulumi-language-python" ] && [ -x "$1/pulumi-language-python-exec" ]
}

# The YAML language host (YAML programs of the native provider), built into directory $1.
build_yaml_host() {
  sh -c "cd '$here/pulumi-cli/language-yaml' && go build -mod=readonly -trimpath -ldflags '-s -w' \
    -o '$1/pulumi-language-yaml' github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
}

# The Python language host (programs of the Python SDK), from the same sdk/v3 release as the Node.js host, built into
# directory $1 with its executor script beside it, where the host looks for it.
build_python_host() {
  sh -c "cd '$here/pulumi-cli/language-host' && go build -mod=readonly -trimpath \
    -ldflags '-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGUAGE_HOST_VERSION' \
    -o '$1/pulumi-language-python' github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python" &&
    install -m 755 "$(cd "$here/pulumi-cli/language-host" && go list -mod=readonly -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec" "$1/"
}

if [ -z "${PULUMI_AWS_ROOT_ACCESS_FORCE_BUILD:-}" ] && existing=$(command -v pulumi 2>/dev/null); then
  dir=$(dirname "$existing")
  if complete "$dir"; then
    say "using the Pulumi CLI on PATH: $existing ($("$existing" version))"
    echo "$dir"
    exit 0
  fi
fi

if [ -x "$bin/pulumi-language-nodejs-host" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "$PULUMI_VERSION" ]; then
  # The launchers are the repository's: refreshed on every use, so an edit reaches the cached build.
  cp -f "$launchers/pulumi-resource-pulumi-nodejs" "$launchers/pulumi-language-nodejs" "$bin/"
  if [ ! -x "$bin/pulumi-language-yaml" ]; then
    command -v go >/dev/null || { say "error: no Go toolchain to build pulumi-language-yaml; install Go >= 1.25"; exit 1; }
    say "building pulumi-language-yaml@$YAML_HOST_VERSION into the cached $bin (about a minute)"
    build_yaml_host "$bin"
  fi
  if [ ! -x "$bin/pulumi-language-python-exec" ]; then
    command -v go >/dev/null || { say "error: no Go toolchain to build pulumi-language-python; install Go >= 1.25"; exit 1; }
    say "building pulumi-language-python@$LANGUAGE_HOST_VERSION into the cached $bin"
    build_python_host "$bin"
  fi
  say "Pulumi CLI $PULUMI_VERSION already built in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { say "error: no pulumi on PATH and no Go toolchain to build one; install Go >= 1.25"; exit 1; }
say "building the Pulumi CLI $PULUMI_VERSION and Node.js language host from Go modules into $bin"
say "(first run only: about 4 minutes on 2 cores; later runs reuse the cache)"
staging=$(mktemp -d "$cache_root.staging.XXXXXX" 2>/dev/null || { mkdir -p "$cache_root" && mktemp -d "$cache_root/staging.XXXXXX"; })
trap 'rm -rf "$staging"' EXIT
start=$(date +%s)

# Each step reports its own time, so the README can say where a first run's minutes go.
timed() { local name=$1; shift; local t=$(date +%s); "$@"; echo "$name $(( $(date +%s) - t ))" >>"$staging/times"; }

say "[1/3] downloading the pinned modules of the three binaries, side by side"
timed "modules(pulumi)" sh -c "cd '$here/pulumi-cli' && go mod download" & a=$!
timed "modules(language-host)" sh -c "cd '$here/pulumi-cli/language-host' && go mod download" & b=$!
timed "modules(yaml-host)" sh -c "cd '$here/pulumi-cli/language-yaml' && go mod download" & c=$!
wait "$a"; wait "$b"; wait "$c"

say "[2/3] compiling pulumi@$PULUMI_VERSION and the language hosts, side by side"
timed "compile(pulumi)" sh -c "cd '$here/pulumi-cli' && go build -mod=readonly -trimpath \
  -ldflags '-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION' \
  -o '$staging/pulumi' github.com/pulumi/pulumi/pkg/v3/cmd/pulumi" & a=$!
timed "compile(language-host)" sh -c "cd '$here/pulumi-cli/language-host' && go build -mod=readonly -trimpath \
  -ldflags '-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGUAGE_HOST_VERSION' \
  -o '$staging/pulumi-language-nodejs-host' github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs" & b=$!
wait "$a"; wait "$b"
say "      and pulumi-language-yaml@$YAML_HOST_VERSION, pulumi-language-python@$LANGUAGE_HOST_VERSION"
timed "compile(yaml-host)" build_yaml_host "$staging" & a=$!
timed "compile(python-host)" build_python_host "$staging" & b=$!
wait "$a"; wait "$b"

say "[3/3] launchers: pulumi-resource-pulumi-nodejs (the dynamic-provider host) and pulumi-language-nodejs"
cp "$launchers/pulumi-resource-pulumi-nodejs" "$launchers/pulumi-language-nodejs" "$staging/"
chmod +x "$staging/pulumi-resource-pulumi-nodejs" "$staging/pulumi-language-nodejs"

[ "$("$staging/pulumi" version)" = "$PULUMI_VERSION" ] || { say "error: built pulumi reports $("$staging/pulumi" version)"; exit 1; }
mkdir -p "$(dirname "$bin")"
rm -rf "$bin"
mv "$staging" "$bin"
trap - EXIT
say "built in $(( $(date +%s) - start ))s ($(tr '\n' ' ' <"$bin/times" | sed 's/ $//; s/\([0-9]\) /\1s, /g')s)"
echo "$bin"
