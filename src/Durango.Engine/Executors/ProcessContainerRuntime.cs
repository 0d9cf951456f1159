using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Durango.Engine.Executors;

/// <summary>
/// The <c>process</c> runtime, for development and tests: runs <c>command</c> + <c>args</c> on this host in a
/// private working directory, in a PID namespace of its own (<see cref="PidNamespace"/>: it cannot see the host's
/// processes or their environments), with a private <c>/tmp</c> (<see cref="PrivateTmp"/>), with a clean environment (the
/// template's variables plus PATH, HOME and LANG, so that the host's own settings never leak into a step). The image is not pulled (a step's log holds only its own output); for Argo's
/// test images the runtime has stand-ins (<see cref="ProcessShims"/>).
/// </summary>
public sealed class ProcessContainerRuntime : IContainerRuntime
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYENV_ROOT"];
    private readonly string _workRoot;
    private readonly StepReaper _reaper;
    private readonly Lazy<string> _shims;

    /// <summary>
    /// Creates the runtime; each node gets a directory under <paramref name="workRoot"/>, and its process dies with
    /// this host through <paramref name="reaper"/>.
    /// </summary>
    public ProcessContainerRuntime(string workRoot, StepReaper reaper)
    {
        _workRoot = workRoot;
        _reaper = reaper;
        _shims = new Lazy<string>(() => ProcessShims.Install(workRoot));
    }

    /// <inheritdoc/>
    public string Name => "process";

    /// <inheritdoc/>
    public bool SupportsVolumes => true;

    /// <inheritdoc/>
    public string? DaemonAddress => "127.0.0.1";

    /// <inheritdoc/>
    public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var workDir = Path.Combine(_workRoot, request.WorkflowName, request.PodName);
        Directory.CreateDirectory(workDir);
        try
        {
            var command = request.Command.Count == 0 && ProcessShims.EntrypointOf(request.Image) is { } entrypoint ? [entrypoint] : request.Command;
            // As upstream's executeScript (workflow/controller/operator.go): the script's path goes after the args.
            var argv = command.Concat(request.Args)
                .Concat(request.ScriptSource is null ? [] : [await WriteScriptAsync(workDir, request.ScriptSource, cancellationToken).ConfigureAwait(false)]).ToList();
            if (argv.Count == 0)
            {
                throw new ContainerStartException($"the process runtime needs container.command: the entry point of image '{request.Image}' is not known on this host");
            }

            var searchPath = $"{_shims.Value}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
            argv[0] = Resolve(argv[0], searchPath)
                ?? throw new ContainerStartException($"cannot run '{argv[0]}' on this host: not found (the process runtime runs commands on the host; image '{request.Image}' is not pulled)");
            var tmp = Path.Combine(workDir, "tmp");
            Directory.CreateDirectory(tmp);
            var isolated = PrivateTmp.Needed(request) && PrivateTmp.IsSupported && !PrivateTmp.Hides(workDir);
            var start = StartInfo(StepReaper.Wrap(PidNamespace.Wrap(VolumeMounts.Wrap(argv, request.Volumes), isolated ? tmp : null)), request, workDir, searchPath, isolated ? "/tmp" : tmp);
            using var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                throw new ContainerStartException($"cannot run '{argv[0]}' on this host: {e.Message} (the process runtime runs commands on the host; image '{request.Image}' is not pulled)", e);
            }

            using var tracked = _reaper.Track(process.Id);
            var stdout = new StringBuilder();
            using var kill = cancellationToken.Register(() => ChildProcesses.Kill(process));
            var readOut = ChildProcesses.PumpAsync(process.StandardOutput, request.Log, stdout);
            var readErr = ChildProcesses.PumpAsync(process.StandardError, request.Log, null);
            await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            var files = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in request.OutputPaths)
            {
                var full = VolumeMounts.HostPath(path, request.Volumes) ?? (isolated ? PrivateTmp.HostPath(path, tmp) : null) ?? (Path.IsPathRooted(path) ? path : Path.Combine(workDir, path));
                files[path] = File.Exists(full) ? await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false) : null;
            }

            return new ContainerResult(process.ExitCode, stdout.ToString(), files);
        }
        finally
        {
            ChildProcesses.TryDelete(workDir);
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, ContainerRequest request, string workDir, string path, string tmp)
    {
        var start = new ProcessStartInfo(Resolve(argv[0], path) ?? argv[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = request.WorkingDir is { } dir && !Path.IsPathRooted(dir) ? Path.Combine(workDir, dir) : workDir,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        Directory.CreateDirectory(start.WorkingDirectory);
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["PATH"] = path;
        start.Environment["TMPDIR"] = tmp;
        foreach (var variable in request.Env)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        return start;
    }

    /// <summary>The full path of <paramref name="command"/> on <paramref name="path"/> (the child's PATH), or null.</summary>
    private static string? Resolve(string command, string path)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? command : null;
        }

        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<string> WriteScriptAsync(string workDir, string source, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workDir, "script");
        await File.WriteAllTextAsync(path, source, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            // Executable, as Argo stages it: `command: [sh, -c]` runs the script's path as a command.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
