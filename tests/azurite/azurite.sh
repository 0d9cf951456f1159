#!/usr/bin/env bash
# Azurite for development and tests, on loopback only, with a data folder and free ports (another Azurite may
# already hold 10000-10002 on a shared machine).
#
#   azurite.sh install      installs the pinned Azurite from npm into tests/azurite/node_modules (once)
#   azurite.sh start DIR    starts it with its data in DIR, waits until it answers, prints the connection string;
#                           started again on the same DIR it reuses that DIR's ports, so clients reconnect
#   azurite.sh stop DIR     stops the Azurite of DIR
#
# DIR keeps: data/, azurite.pid, ports, connection-string, azurite.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
entry="$here/node_modules/azurite/dist/src/azurite.js"

# Azurite's well-known development account; its key is public, not a secret.
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

usage() {
    echo "usage: $0 install | start DIR | stop DIR" >&2
    exit 2
}

install() {
    if [[ -f "$entry" ]]; then
        return
    fi
    command -v npm >/dev/null || { echo "azurite.sh: npm is not installed; install Node.js 20 or later" >&2; exit 1; }
    (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
}

free_ports() {
    # Three ports the kernel says are free now, on loopback.
    node -e '
        const net = require("net");
        const take = () => new Promise(r => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => r(s)); });
        Promise.all([take(), take(), take()]).then(ss => { console.log(ss.map(s => s.address().port).join(" ")); ss.forEach(s => s.close()); });'
}

answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    local dir="$1"
    [[ -f "$entry" ]] || { echo "azurite.sh: Azurite is not installed; run: bash $0 install" >&2; exit 1; }
    mkdir -p "$dir/data"
    dir="$(cd "$dir" && pwd)"
    if [[ -f "$dir/azurite.pid" ]] && kill -0 "$(cat "$dir/azurite.pid")" 2>/dev/null; then
        cat "$dir/connection-string"
        return
    fi

    [[ -f "$dir/ports" ]] || free_ports >"$dir/ports"
    read -r blob queue table <"$dir/ports"
    setsid node "$entry" --silent --disableTelemetry --skipApiVersionCheck --loose --location "$dir/data" \
        --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
        --tableHost 127.0.0.1 --tablePort "$table" >>"$dir/azurite.log" 2>&1 </dev/null &
    echo $! >"$dir/azurite.pid"

    for _ in $(seq 1 150); do
        if answers "$blob" && answers "$queue" && answers "$table"; then
            local endpoint="http://127.0.0.1"
            echo "DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=$endpoint:$blob/$account;QueueEndpoint=$endpoint:$queue/$account;TableEndpoint=$endpoint:$table/$account;" >"$dir/connection-string"
            cat "$dir/connection-string"
            return
        fi
        if ! kill -0 "$(cat "$dir/azurite.pid")" 2>/dev/null; then
            echo "azurite.sh: Azurite exited on start; its log:" >&2
            tail -20 "$dir/azurite.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "azurite.sh: Azurite did not answer on ports $blob $queue $table within 15 s" >&2
    exit 1
}

stop() {
    local dir="$1" pid
    [[ -f "$dir/azurite.pid" ]] || return 0
    pid="$(cat "$dir/azurite.pid")"
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/azurite.pid"
}

case "${1:-}" in
    install) install ;;
    start) [[ $# -eq 2 ]] || usage; start "$2" ;;
    stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
    *) usage ;;
esac
