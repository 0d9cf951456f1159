#!/usr/bin/env bash
# A stand-in of the docker CLI, for the docker runtime's tests on machines without a Docker engine: the commands
# and flags the runtime uses (inspect, create, start -a, logs, wait, cp, rm), with containers as local processes
# in a folder per container under this script's folder. Images are not pulled; the entry point of an image is
# unknown here, so a container without --entrypoint runs `true`. Image example.invalid/missing:1 cannot be found.
# Where user and mount namespaces exist, a container's /tmp is its own root's tmp folder (as a container's is), so
# artifacts copied to /tmp/... with `cp - NAME:/` are what the command reads, and nothing lands in the host's /tmp.
# Tools: bash, tar, unshare (util-linux).
set -uo pipefail
state="$(cd "$(dirname "$0")" && pwd)/containers"
mkdir -p "$state"
command=${1:-}
printf '%s\n' "$*" >> "$(dirname "$state")/calls.log"
shift || true

container() { # the folder of container $1, or an error like docker's
    [[ -d "$state/$1" ]] || { echo "Error response from daemon: No such container: $1" >&2; exit 1; }
    echo "$state/$1"
}

inside() { # the host path of container path $2 in container folder $1 (volumes first)
    local d=$1 path=$2 line host target
    while IFS= read -r line; do
        [[ -n "$line" ]] || continue
        host=${line%%:*}; target=${line#*:}; target=${target%%:*}
        if [[ "$path" == "$target" || "$path" == "$target/"* ]]; then
            echo "$host${path#"$target"}"; return
        fi
    done < "$d/volumes"
    echo "$d/root$path"
}

case "$command" in
    inspect)
        [[ "$1" == "--format" ]] || { echo "stand-in: inspect needs --format" >&2; exit 2; }
        d=$(container "$3") || { echo "Error: No such object: $3" >&2; exit 1; }
        case "$2" in
            *State.Status*) cat "$d/status" ;;
            *State.ExitCode*) cat "$d/exitcode" 2>/dev/null || echo 0 ;;
            # Containers are local processes; their "network" is 127.0.0.2, another loopback address than the host's
            # 127.0.0.1, so a step that reaches a daemon at the wrong address fails.
            *IPAddress*) [[ "$(cat "$d/status")" == running ]] && echo "127.0.0.2 " || echo " " ;;
            *) echo "stand-in: unsupported format $2" >&2; exit 2 ;;
        esac
        ;;
    create)
        name="" entry="" workdir="" envs=() volumes=()
        while [[ $# -gt 0 ]]; do
            case "$1" in
                --name) name=$2; shift 2 ;;
                --label|--cpus|--memory) shift 2 ;;
                --env) envs+=("$2"); shift 2 ;;
                --workdir) workdir=$2; shift 2 ;;
                --volume) volumes+=("$2"); shift 2 ;;
                --entrypoint) entry=$2; shift 2 ;;
                --*) echo "stand-in: unsupported flag $1" >&2; exit 2 ;;
                *) break ;;
            esac
        done
        image=$1; shift
        if [[ -d "$state/$name" ]]; then
            echo "Error response from daemon: Conflict. The container name \"/$name\" is already in use" >&2; exit 1
        fi
        if [[ "$image" == "example.invalid/missing:1" ]]; then
            echo "Unable to find image '$image' locally" >&2
            echo "docker: Error response from daemon: manifest for $image not found: manifest unknown." >&2; exit 125
        fi
        d="$state/$name"
        mkdir -p "$d/root"
        : > "$d/env"
        for e in "${envs[@]}"; do printf '%s=%s\0' "$e" "${!e-}" >> "$d/env"; done
        { [[ -n "$entry" ]] && printf '%s\0' "$entry"; for a in "$@"; do printf '%s\0' "$a"; done; } > "$d/argv"
        printf '%s' "$workdir" > "$d/workdir"
        printf '%s\n' "${volumes[@]}" > "$d/volumes"
        echo created > "$d/status"
        echo "$name"
        ;;
    start)
        [[ "$1" == "-a" ]] || { echo "stand-in: start needs -a" >&2; exit 2; }
        d=$(container "$2") || exit 1
        mapfile -d '' argv < "$d/argv"
        mapfile -d '' envs < "$d/env"
        [[ ${#argv[@]} -gt 0 ]] || argv=(true)
        for i in "${!argv[@]}"; do
            while IFS= read -r line; do
                [[ -n "$line" ]] || continue
                host=${line%%:*}; target=${line#*:}; target=${target%%:*}
                argv[$i]=${argv[$i]//"$target"/"$host"}
            done < "$d/volumes"
        done
        cwd="$d/root$(cat "$d/workdir")"
        mkdir -p "$cwd"
        echo running > "$d/status"
        mkdir -p "$d/root/tmp"
        private=()
        # (Not when a volume's host folder is under /tmp: the private /tmp would hide it.)
        if ! grep -q '^/tmp/' "$d/volumes" && unshare --mount --map-root-user true 2>/dev/null; then
            private=(unshare --mount --map-root-user -- /bin/sh -c 'mount --bind "$0" /tmp && exec "$@"' "$d/root/tmp")
        fi
        (cd "$cwd" && exec setsid "${private[@]}" env -i PATH="$PATH" HOME=/root "${envs[@]}" "${argv[@]}") > >(tee -a "$d/stdout") 2> >(tee -a "$d/stderr" >&2) &
        echo $! > "$d/pid"
        wait $!
        code=$?
        sleep 0.05
        echo "$code" > "$d/exitcode"
        echo exited > "$d/status"
        exit "$code"
        ;;
    logs)
        follow=0
        [[ "$1" == "--follow" ]] && follow=1
        d=$(container "$2") || exit 1
        while [[ $follow == 1 && "$(cat "$d/status")" == running ]]; do sleep 0.1; done
        cat "$d/stdout" 2>/dev/null
        cat "$d/stderr" 2>/dev/null >&2
        ;;
    wait)
        d=$(container "$1") || exit 1
        while [[ "$(cat "$d/status")" != exited ]]; do sleep 0.1; done
        cat "$d/exitcode"
        ;;
    cp)
        source=$1
        if [[ "$source" == "-" ]]; then # a tar stream on stdin, unpacked at the destination folder
            d=$(container "${2%%:*}") || exit 1
            target=$(inside "$d" "${2#*:}")
            mkdir -p "$target" && tar -xf - -C "$target"
            exit
        fi
        d=$(container "${source%%:*}") || exit 1
        file=$(inside "$d" "${source#*:}")
        [[ -e "$file" ]] || { echo "Error response from daemon: Could not find the file ${source#*:} in container" >&2; exit 1; }
        tar -C "$(dirname "$file")" -cf - "$(basename "$file")"
        ;;
    rm)
        [[ "$1" == "--force" ]] || { echo "stand-in: rm needs --force" >&2; exit 2; }
        d="$state/$2"
        [[ -d "$d" ]] || { echo "Error response from daemon: No such container: $2" >&2; exit 1; }
        if [[ -f "$d/pid" ]] && [[ "$(cat "$d/status")" == running ]]; then
            pid=$(cat "$d/pid")
            kill -KILL -- "-$(ps -o pgid= "$pid" | tr -d ' ')" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
        fi
        rm -rf "$d"
        echo "$2"
        ;;
    *)
        echo "stand-in: unsupported command '$command'" >&2; exit 2 ;;
esac
