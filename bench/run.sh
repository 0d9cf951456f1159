#!/usr/bin/env bash
# Regenerates the README's benchmark table: builds the CLI and the benchmark (Release), runs bench/Durango.Bench
# with the arguments given here (e.g. --azurite, --runs 7), and puts its report between the README's markers
# <!-- bench:start --> and <!-- bench:end -->, with the commit and date it was measured at. The report is also
# printed. Progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Azure Storage cases need Azurite: installed first when missing (npm, once), not found missing after the rest.
if [[ " $* " == *" --azurite "* ]]; then
  bash tests/azurite/azurite.sh install >&2
fi
dotnet build src/Durango.Server -c Release -nologo -v quiet >&2
dotnet build bench/Durango.Bench -c Release -nologo -v quiet >&2
# The ReadyToRun build, whose start is measured beside the plain build's.
r2r="$(mktemp -d)"
report="$(mktemp)"
trap 'rm -rf "$report" "$r2r"' EXIT
dotnet publish src/Durango.Server -c Release -r linux-x64 --self-contained false -o "$r2r" -nologo -v quiet >&2
# Durable Task alone running the one-step workflow, built the same way: the floor under the start goal.
dotnet publish bench/Durango.Bench.StartFloor -c Release -r linux-x64 --self-contained false -o "$r2r/floor" -nologo -v quiet >&2
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)') by \`bash bench/run.sh $*\`."
  echo
  bench/Durango.Bench/bin/Release/net10.0/Durango.Bench --cli-r2r "$r2r/durango" --start-floor "$r2r/floor/start-floor" "$@"
} > "$report"
cat "$report"

grep -q '<!-- bench:start -->' README.md && grep -q '<!-- bench:end -->' README.md \
  || { echo "run.sh: README.md has no <!-- bench:start --> / <!-- bench:end --> markers" >&2; exit 1; }
awk -v report="$report" '
  /<!-- bench:start -->/ { print; while ((getline line < report) > 0) print line; skipping = 1; next }
  /<!-- bench:end -->/ { skipping = 0 }
  !skipping { print }
' README.md > README.md.new
mv README.md.new README.md
echo "run.sh: README.md updated" >&2
