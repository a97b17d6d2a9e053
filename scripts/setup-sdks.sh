#!/usr/bin/env bash
# Provides what the Python and Go SDK tests run (tests/e2e/sdk-languages.e2e.spec.ts), cached outside the repository:
#   - a Python virtual environment with the pinned `pulumi` from PyPI and this checkout's sdk/python, installed as a
#     user installs it (`pip install ./sdk/python`), again whenever sdk/python changes;
#   - the Go SDK's test program (tests/programs/go), built against this checkout's sdk/go.
# Prints `python=<virtualenv>` and `go=<program>`. Safe to run from several processes at once (a lock).
set -euo pipefail

PULUMI_PYTHON_VERSION=3.272.0   # newest `pulumi` on PyPI; the SDK itself asks for >=3.269.0,<4
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cache_root=${PULUMI_AWS_ROOT_ACCESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aws-root-access}
venv="$cache_root/python-pulumi-$PULUMI_PYTHON_VERSION"
go_program="$cache_root/sdk-program-go/sdk-program"

say() { printf '%s\n' "$*" >&2; }
mkdir -p "$cache_root"
exec 9>"$cache_root/setup-sdks.lock"
flock 9

python=$(command -v python3 || true)
[ -n "$python" ] || { say "error: no python3 on PATH; the Python SDK needs Python >= 3.9"; exit 1; }
command -v go >/dev/null || { say "error: no Go toolchain to build the Go SDK's test program; install Go >= 1.25"; exit 1; }

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pulumi" 2>/dev/null; then
  t=$(date +%s)
  say "creating $venv with pulumi==$PULUMI_PYTHON_VERSION from PyPI (first run only)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pulumi==$PULUMI_PYTHON_VERSION" >&2
  say "  done in $(( $(date +%s) - t ))s"
fi

# sdk/python is installed again only when its files change (a hash of their names and contents).
sdk_hash=$(cd "$repo/sdk/python" && find . -type f ! -path '*/__pycache__/*' ! -path './build/*' ! -path '*.egg-info/*' -print0 |
  LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$venv/.sdk-hash" 2>/dev/null)" != "$sdk_hash" ]; then
  t=$(date +%s)
  say "installing sdk/python into $venv"
  # From a copy: pip builds in the source tree, and the checkout must stay as git has it.
  copy=$(mktemp -d)
  trap 'rm -rf "$copy"' EXIT
  cp -r "$repo/sdk/python/." "$copy/"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall "$copy" >&2
  echo "$sdk_hash" >"$venv/.sdk-hash"
  say "  done in $(( $(date +%s) - t ))s"
fi

# The Go build cache makes this quick after the first time; -o to a temporary name, then rename, so that a
# running test never sees a half-written binary.
mkdir -p "$(dirname "$go_program")"
(cd "$repo/tests/programs/go" && go build -mod=readonly -o "$go_program.tmp" .)
mv -f "$go_program.tmp" "$go_program"

echo "python=$venv"
echo "go=$go_program"
