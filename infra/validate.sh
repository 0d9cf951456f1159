#!/usr/bin/env bash
# Validates infra/ offline: fetches the pinned Bicep CLI from NuGet (infra/tools.proj), then `bicep build` and
# `bicep lint` of main.bicep; any warning fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet restore "$here/tools.proj" --verbosity quiet
packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
bicep="$packages/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep"
chmod +x "$bicep"
"$bicep" --version

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
log="$out/bicep.log"
"$bicep" build "$here/main.bicep" --outdir "$out" 2>&1 | tee "$log"
"$bicep" lint "$here/main.bicep" 2>&1 | tee -a "$log"
if grep -qiE "warning|error" "$log"; then
    echo "validate.sh: bicep reported problems" >&2
    exit 1
fi
echo "infra: bicep build and lint clean"
