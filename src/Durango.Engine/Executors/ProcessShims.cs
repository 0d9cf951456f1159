namespace Durango.Engine.Executors;

/// <summary>
/// Stand-ins, for the process runtime only, for the two images Argo's own examples and tests use most:
/// <c>argoproj/argosay</c> (Argo's test image: <c>echo</c>, <c>cat</c>, <c>sleep</c>, <c>exit</c>,
/// <c>assert_contains</c>, <c>assert_equals</c>) and <c>docker/whalesay</c>'s <c>cowsay</c>. They are put on the
/// PATH of every process step, and a step of the argosay image without a command runs the argosay stand-in, as
/// the image's entry point would. With docker or ACI the real images run.
/// </summary>
internal static class ProcessShims
{
    /// <summary>Images whose entry point the process runtime knows: repository (no tag) to command.</summary>
    public static readonly IReadOnlyDictionary<string, string> Entrypoints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["argoproj/argosay"] = "argosay",
        ["docker/whalesay"] = "cowsay",
    };

    private const string Argosay = """
        #!/bin/sh
        # argosay for Durango's process runtime: the subset of argoproj/argosay that Argo's tests use.
        cmd="${1:-echo}"
        [ $# -gt 0 ] && shift
        seconds() { case "$1" in *ms) echo "0";; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
        case "$cmd" in
          echo)
            if [ $# -ge 2 ]; then mkdir -p "$(dirname "$2")"; printf '%s\n' "$1" > "$2"
            elif [ $# -eq 1 ]; then printf '%s\n' "$1"
            else echo "hello argo"; fi ;;
          cat) cat "$@" ;;
          sleep) sleep "$(seconds "$1")" ;;
          exit) exit "${1:-0}" ;;
          assert_contains) grep -q -- "$2" "$1" || { echo "$1 does not contain '$2'" >&2; exit 1; } ;;
          assert_equals) [ "$(cat "$1")" = "$2" ] || { echo "$1 is not '$2'" >&2; exit 1; } ;;
          *) echo "argosay: unknown command $cmd" >&2; exit 1 ;;
        esac
        """;

    private const string Cowsay = """
        #!/bin/sh
        # cowsay for Durango's process runtime: the message in a bubble, and the cow.
        msg="$*"
        [ -z "$msg" ] && msg="$(cat)"
        line=$(printf '%s' "$msg" | sed 's/./-/g')
        printf ' _%s_\n< %s >\n -%s-\n' "$line" "$msg" "$line"
        printf '        \\   ^__^\n         \\  (oo)\\_______\n            (__)\\       )\\/\\\n                ||----w |\n                ||     ||\n'
        """;

    /// <summary>Writes the stand-ins under <paramref name="root"/> (once) and returns their directory.</summary>
    public static string Install(string root)
    {
        var bin = Path.Combine(root, ".bin");
        Directory.CreateDirectory(bin);
        Write(Path.Combine(bin, "argosay"), Argosay);
        Write(Path.Combine(bin, "cowsay"), Cowsay);
        return bin;
    }

    /// <summary>The command the image's entry point would run, when the runtime knows the image.</summary>
    public static string? EntrypointOf(string? image)
    {
        if (image is null)
        {
            return null;
        }

        var repository = image.Split('@')[0];
        var colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/'))
        {
            repository = repository[..colon];
        }

        repository = repository.StartsWith("docker.io/", StringComparison.Ordinal) ? repository["docker.io/".Length..] : repository;
        return Entrypoints.GetValueOrDefault(repository);
    }

    private static void Write(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text + "\n")
        {
            return;
        }

        File.WriteAllText(path, text + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
