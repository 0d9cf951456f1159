#!/usr/bin/env bash
# Packs the durango CLI as a dotnet tool, installs it from that local package into a temporary folder and runs it:
# what a user does with the README's install line. The pack builds the platform packages itself (the linux-x64 one
# precompiled), so CI runs it without --no-build: the solution's build has no platform-specific output to reuse.
#   bash tests/tool/install-tool.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet pack src/Durango.Server -c Release -o "$work/feed" "$@" --nologo -v quiet
dotnet tool install --tool-path "$work/tools" --add-source "$work/feed" durango >/dev/null
"$work/tools/durango" --version
"$work/tools/durango" lint src/Durango.Server/Samples/hello.yaml
"$work/tools/durango" run src/Durango.Server/Samples/hello.yaml --log | grep -q "shout: hello world!"
echo "install-tool: durango installed from a local package and ran hello.yaml"
