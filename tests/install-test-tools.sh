#!/usr/bin/env bash
# Installs the tools the tests start themselves, once:
#   .tools/azurite   azurite (the Azure Storage emulator) from npm into the git-ignored .tools folder, for the Azure Blob
#                    document store tests (blob/main.js) and the Durable Task Azure Storage tests (azurite.js: blob,
#                    queue and table);
#   /usr/bin/chromium Debian's chromium package (apt-get), which Playwright drives for the browser tests; set
#                    CHROMIUM_PATH to use a chromium installed elsewhere instead.
# Idempotent and quiet: does nothing when the pinned version is already there; exits non-zero on failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
azurite_version="3.37.0"
azurite_dir="$root/.tools/azurite"
azurite_main="$azurite_dir/node_modules/azurite/dist/src/blob/main.js"
azurite_all="$azurite_dir/node_modules/azurite/dist/src/azurite.js"
azurite_package="$azurite_dir/node_modules/azurite/package.json"

installed_version() {
  [ -f "$azurite_main" ] && [ -f "$azurite_all" ] && [ -f "$azurite_package" ] || return 1
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$azurite_package" 2>/dev/null
}

install_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    echo "install-test-tools: CHROMIUM_PATH is '$CHROMIUM_PATH', which is not an executable." >&2
    return 1
  fi

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "install-test-tools: chromium is missing and installing it needs root: run 'apt-get install -y chromium' as root." >&2
      return 1
    fi
    sudo="sudo"
  fi

  local apt_log
  apt_log="$(mktemp)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    rm -f "$apt_log"
    echo "install-test-tools: 'apt-get install chromium' failed." >&2
    return 1
  fi

  rm -f "$apt_log"
  [ -x /usr/bin/chromium ] || { echo "install-test-tools: chromium was installed but /usr/bin/chromium is missing." >&2; return 1; }
}

install_chromium

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
  echo "install-test-tools: azurite@$azurite_version was installed but $azurite_main or $azurite_all is missing." >&2
  exit 1
fi
