#!/usr/bin/env bash
# Builds and lints the Bicep templates of infra/ and fails on any error or warning.
# Installs the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64) into .tools/bicep when it is missing.
# Prints one line per step; a failing step prints what the CLI said.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
version=0.49.2
tools="$root/.tools/bicep"
bicep="$tools/packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Runs one step, quiet unless it fails. The CLI exits 0 on warnings, so its output is searched for them too.
step() {
  local name=$1
  shift
  local out="$work/step.log"
  if "$@" >"$out" 2>&1 && ! grep -Eq '(^|[^A-Za-z])(Warning|Error)([^A-Za-z]|$)' "$out"; then
    echo "infra: $name: ok"
  else
    echo "infra: $name: FAILED"
    cat "$out"
    exit 1
  fi
}

if [ ! -x "$bicep" ]; then
  step "install Bicep CLI $version" dotnet restore "$root/infra/tools/BicepCli.proj" --packages "$tools/packages" \
    -p:BaseIntermediateOutputPath="$tools/obj/" -p:MSBuildProjectExtensionsPath="$tools/obj/"
fi

step "bicep build main.bicep" "$bicep" build "$root/infra/main.bicep" --outdir "$work"
step "bicep lint main.bicep" "$bicep" lint "$root/infra/main.bicep"
# The parameters file reads the two secrets from the environment (or az deployment passes them inline); stand-ins of
# the required lengths let it compile here, into the throwaway folder.
stand_ins=(env WORKFLOWS_SENDGRID_API_KEY=check-sendgrid-stand-in WORKFLOWS_ADMIN_KEY=check-admin-key-stand-in-0000000)
step "bicep build-params main.bicepparam" "${stand_ins[@]}" \
  "$bicep" build-params "$root/infra/main.bicepparam" --outfile "$work/main.parameters.json"
step "bicep lint main.bicepparam" "${stand_ins[@]}" "$bicep" lint "$root/infra/main.bicepparam"
