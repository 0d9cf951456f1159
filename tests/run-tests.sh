#!/usr/bin/env bash
# The test command: installs Azurite (pinned, from npm) if it is not there yet, builds and runs every test project
# of the solution — the tests that need Azurite start their own on free loopback ports and stop it — then prints
# one closing line "N passed, N failed" summed over all of them. Exit code is dotnet test's.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tests/azurite/azurite.sh install || { echo "run-tests: could not install Azurite (npm); the storage tests need it" >&2; exit 1; }

configuration="${CONFIGURATION:-Release}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test Functions.sln -c "$configuration" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
