#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine with only the .NET SDK installed.
# Installs what the tests need first, then prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0

# Test dependencies that are not NuGet packages: Azurite (blob storage emulator) from npm, chromium from apt.
if ! tests/install-test-tools.sh; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

dotnet build Workflows.sln -c Release 2>&1 | tail -n 3 || status=1
if [ "$status" -ne 0 ]; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The Bicep templates of infra/ build and lint without an error or warning (counted as one test in the tally).
if infra/check.sh 2>&1 | tee -a "$log"; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - infra/check.sh" >> "$log"
else
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - infra/check.sh" | tee -a "$log"
  status=1
fi

# Every test project, in parallel as dotnet test schedules them.
dotnet test Workflows.sln -c Release --no-build 2>&1 | tee -a "$log" || status=1

# The benchmark's short version (every scenario on every provider, a tenth of the counts): it runs end to end and prints
# its JSON (counted as one test). The full benchmark is not part of the test command (see the README).
bench_json=$(mktemp)
if dotnet run -c Release --no-build --project tests/Workflows.Benchmarks -- --quick > "$bench_json" 2>> "$log" \
  && grep -q '"targets"' "$bench_json"; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - benchmark --quick" | tee -a "$log"
else
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - benchmark --quick" | tee -a "$log"
  status=1
fi
rm -f "$bench_json"

awk '/^(Passed|Failed)!/{for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1);if($i=="Passed:")p+=$(i+1);if($i=="Skipped:")s+=$(i+1)}}END{printf "%d passed, %d failed, %d skipped\n",p,f,s}' "$log"
exit "$status"
