#!/usr/bin/env bash
# Installs the tools the tests start themselves into the repository's git-ignored .tools folder, once:
#   .tools/azurite  azurite (the Azure Storage emulator) from npm, for the Azure Blob document store tests.
# Idempotent and quiet: does nothing when the pinned version is already there; exits non-zero on failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
azurite_version="3.37.0"
azurite_dir="$root/.tools/azurite"
azurite_main="$azurite_dir/node_modules/azurite/dist/src/blob/main.js"
azurite_package="$azurite_dir/node_modules/azurite/package.json"

installed_version() {
  [ -f "$azurite_main" ] && [ -f "$azurite_package" ] || return 1
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$azurite_package" 2>/dev/null
}

if [ "$(installed_version || true)" = "$azurite_version" ]; then
  exit 0
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-test-tools: '$tool' is not installed; install Node.js 20 or later (with npm) to run the Azurite tests." >&2
    exit 1
  fi
done

mkdir -p "$azurite_dir"
# A package.json of its own, so npm installs here rather than in a parent folder's project.
if [ ! -f "$azurite_dir/package.json" ]; then
  printf '{ "name": "workflows-test-tools", "private": true }\n' > "$azurite_dir/package.json"
fi

npm_log="$(mktemp)"
trap 'rm -f "$npm_log"' EXIT
if ! npm install --prefix "$azurite_dir" --no-audit --no-fund --save-exact --loglevel=error "azurite@$azurite_version" >"$npm_log" 2>&1; then
  cat "$npm_log" >&2
  echo "install-test-tools: npm install azurite@$azurite_version into $azurite_dir failed." >&2
  exit 1
fi

if [ "$(installed_version || true)" != "$azurite_version" ]; then
  echo "install-test-tools: azurite@$azurite_version was installed but $azurite_main is missing." >&2
  exit 1
fi
