namespace Durango.Engine.Executors;

/// <summary>
/// The process runtime's file system for a step with artifacts: a root of its own (a folder in the step's working
/// directory, entered with <c>chroot</c> inside a private mount namespace) in which the host's top-level folders are
/// bound, except <c>/tmp</c> and the top-level folders the step's artifact and output paths name (<c>/mnt</c>,
/// <c>/inputs</c>, <c>/outputs</c>, a file such as <c>/result.txt</c>), which are folders of the step's own. So
/// <c>/tmp/message</c> or <c>/inputs/text/data</c> are placed and read back without writing into the host's
/// directories, and the step starts in <c>/</c> (or its <c>workingDir</c>) as in a container. Needs Linux user and
/// mount namespaces, as <see cref="PrivateTmp"/> does.
/// </summary>
internal sealed class ArtifactSandbox
{
    /// <summary>The host's own folders, which a step must not replace.</summary>
    private static readonly HashSet<string> HostFolders = new(StringComparer.Ordinal)
    {
        "bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "proc", "dev", "sys", "run", "var", "boot", "opt", "nix",
    };

    // $0 root, $1 working directory in the root, $2 private top-level names, $3 how many host folders to bind at
    // their own path (the step's work folder, the image stand-ins), then those folders, then the command.
    private const string Script = """
        r=$0; cwd=$1; priv=" $2 "; n=$3; shift 3
        for e in /*; do
          name=${e#/}
          case "$priv" in *" $name "*) continue ;; esac
          if [ -L "$e" ]; then ln -sfn "$(readlink "$e")" "$r/$name"
          elif [ -d "$e" ]; then mkdir -p "$r/$name" && mount --rbind "$e" "$r/$name" || exit 125
          fi
        done
        for name in $priv; do if [ -d "/$name" ]; then mkdir -p "$r/$name"; fi; done
        while [ "$n" -gt 0 ]; do mkdir -p "$r$1" && mount --bind "$1" "$r$1" || exit 125; shift; n=$((n-1)); done
        exec chroot "$r" /bin/sh -c 'cd "$0" || exit 125; exec "$@"' "$cwd" "$@"
        """;

    private readonly IReadOnlyList<string> _binds;
    private readonly IReadOnlySet<string> _private;
    private readonly string _cwd;

    private ArtifactSandbox(string root, string cwd, IReadOnlySet<string> privateNames, IReadOnlyList<string> binds)
    {
        Root = root;
        _cwd = cwd;
        _private = privateNames;
        _binds = binds;
    }

    /// <summary>The host folder that is the step's <c>/</c>.</summary>
    public string Root { get; }

    /// <summary>
    /// The sandbox of <paramref name="request"/> in <paramref name="workDir"/>, binding <paramref name="binds"/> too;
    /// null when the step has no artifacts. A path under one of the host's own folders cannot be given.
    /// </summary>
    public static ArtifactSandbox? For(ContainerRequest request, string workDir, params string[] binds)
    {
        if (request.Artifacts is not { Paths.Count: > 0 } artifacts)
        {
            return null;
        }

        if (!PrivateTmp.IsSupported)
        {
            throw new ContainerStartException("steps with artifacts need Linux user and mount namespaces (unshare) on this host for the process runtime");
        }

        var cwd = request.WorkingDir is { } dir && dir.StartsWith('/') ? dir : "/";
        var names = new HashSet<string>(StringComparer.Ordinal) { "tmp" };
        foreach (var path in artifacts.Paths.Concat(request.OutputPaths).Select(p => Absolute(p, cwd)))
        {
            var top = path.TrimStart('/').Split('/')[0];
            if (HostFolders.Contains(top))
            {
                throw new ContainerStartException($"the process runtime cannot place '{path}': /{top} is the host's own folder; use a path under /tmp, /mnt or a folder of your own");
            }

            if (top.Length > 0)
            {
                names.Add(top);
            }
        }

        var root = Path.Combine(workDir, "root");
        Directory.CreateDirectory(root);
        return new ArtifactSandbox(root, cwd, names, [workDir, .. binds]);
    }

    /// <summary>Where the host sees the step's <paramref name="path"/> (absolute, or relative to its working directory).</summary>
    public string HostPath(string path)
    {
        var absolute = Absolute(path, _cwd);
        var top = absolute.TrimStart('/').Split('/')[0];
        return _private.Contains(top)
            ? Path.Combine(Root, absolute.TrimStart('/'))
            : throw new ContainerStartException($"'{path}' is not in a folder of the step's own; use an absolute path under /tmp, /mnt or a folder of your own");
    }

    private static string Absolute(string path, string cwd) => path.StartsWith('/') ? path : cwd.TrimEnd('/') + "/" + path;

    /// <summary><paramref name="argv"/> run in the sandbox; inside a PID namespace's user namespace no other is needed.</summary>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> argv) =>
    [
        "unshare", "--mount", .. PidNamespace.IsSupported ? Array.Empty<string>() : ["--user", "--map-root-user"], "--",
        "/bin/sh", "-c", Script, Root, _cwd, string.Join(' ', _private),
        _binds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. _binds, .. argv,
    ];
}
