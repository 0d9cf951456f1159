using System.ComponentModel;
using System.Text;
using Durango.Engine.Executors.Spawning;

namespace Durango.Engine.Executors;

/// <summary>
/// The <c>process</c> runtime, for development and tests: runs <c>command</c> + <c>args</c> on this host in a
/// private working directory, in a PID namespace of its own (<see cref="PidNamespace"/>: it cannot see the host's
/// processes or their environments), with a private <c>/tmp</c> (<see cref="PrivateTmp"/>), with a clean environment (the
/// template's variables plus PATH, HOME and LANG, so that the host's own settings never leak into a step). The image is not pulled (a step's log holds only its own output); for Argo's
/// test images the runtime has stand-ins (<see cref="ProcessShims"/>).
/// </summary>
public sealed class ProcessContainerRuntime : IContainerRuntime, IDisposable
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYENV_ROOT"];
    private readonly StepFolders _folders;
    private readonly StepReaper _reaper;
    private readonly Lazy<string> _shims;

    /// <summary>
    /// Creates the runtime; each step gets a folder under <paramref name="workRoot"/> (<see cref="StepFolders"/>), and
    /// its process dies with this host through <paramref name="reaper"/>.
    /// </summary>
    public ProcessContainerRuntime(string workRoot, StepReaper reaper)
    {
        _folders = new StepFolders(workRoot, reuse: () => PidNamespace.IsSupported);
        _reaper = reaper;
        _shims = new Lazy<string>(() => ProcessShims.Install(workRoot));

        // The host's probe (an unshare with a mount, PidNamespace) runs now, in the background, so that the first
        // step does not wait for it: a one-step `durango run` starts its step that much sooner (issue 12).
        _ = Task.Run(() => PidNamespace.MountsSupported);
    }

    /// <inheritdoc/>
    public string Name => "process";

    /// <inheritdoc/>
    public bool SupportsVolumes => true;

    /// <inheritdoc/>
    public string? DaemonAddress => "127.0.0.1";

    /// <inheritdoc/>
    public bool MovesArtifacts => true;

    /// <inheritdoc/>
    public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var workDir = _folders.Take();
        try
        {
            var searchPath = $"{_shims.Value}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
            var argv = await CommandLineAsync(request, workDir, searchPath, cancellationToken).ConfigureAwait(false);

            // What the step sees at other paths than the host's, bound in its own mount namespace before it starts: a
            // step with artifacts gets a root of its own (ArtifactSandbox), any other that uses /tmp a private /tmp,
            // and a containerSet's containers its shared volumes.
            var sandbox = ArtifactSandbox.For(request, workDir, _shims.Value);
            var mounts = new List<BindMount>();
            string? tmp = null;
            if (sandbox is null && PrivateTmp.Needed(request) && PidNamespace.MountsSupported && !PrivateTmp.Hides(workDir))
            {
                tmp = Directory.CreateDirectory(Path.Combine(workDir, "tmp")).FullName;
                mounts.Add(new BindMount(tmp, "/tmp"));
            }

            mounts.AddRange(request.Volumes.Select(v => new BindMount(v.HostDirectory, v.MountPath)));

            // A path in a shared volume (a containerSet's workspace) is the volume's, else the sandbox's own.
            string StepPath(string path) => VolumeMounts.HostPath(path, request.Volumes) ?? sandbox!.HostPath(path);
            if (sandbox is not null)
            {
                await request.Artifacts!.PlaceInputsAsync(StepPath, cancellationToken).ConfigureAwait(false);
            }

            var launch = new StepLaunch(
                PidNamespace.Wrap(sandbox?.Wrap(argv) ?? argv, mounts),
                sandbox is null ? WorkingDirectory(request, workDir) : workDir,
                Variables(request, searchPath, tmp is null && sandbox is null ? workDir : "/tmp"));
            using var step = Start(launch, request);
            using var tracked = _reaper.Track(step.Id);
            var stdout = new StringBuilder();
            using var kill = cancellationToken.Register(step.Kill);
            using var output = new StreamReader(step.StandardOutput, Encoding.UTF8);
            using var error = new StreamReader(step.StandardError, Encoding.UTF8);
            await Task.WhenAll(ChildProcesses.PumpAsync(output, request.Log, stdout), ChildProcesses.PumpAsync(error, request.Log, null)).ConfigureAwait(false);
            var exitCode = await step.WaitForExitAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (sandbox is not null)
            {
                await request.Artifacts!.CollectOutputsAsync(StepPath, cancellationToken).ConfigureAwait(false);
            }

            var files = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in request.OutputPaths)
            {
                var full = VolumeMounts.HostPath(path, request.Volumes) ?? sandbox?.HostPath(path) ?? (tmp is null ? null : PrivateTmp.HostPath(path, tmp)) ?? (Path.IsPathRooted(path) ? path : Path.Combine(workDir, path));
                files[path] = File.Exists(full) ? await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false) : null;
            }

            return new ContainerResult(exitCode, stdout.ToString(), files);
        }
        finally
        {
            _folders.Return(workDir);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _folders.Dispose();

    /// <summary>The step's own command line: the image's entry point when it gives none, its args, a script's path last.</summary>
    private static async Task<List<string>> CommandLineAsync(ContainerRequest request, string workDir, string searchPath, CancellationToken cancellationToken)
    {
        var command = request.Command.Count == 0 && ProcessShims.EntrypointOf(request.Image) is { } entrypoint ? [entrypoint] : request.Command;
        // As upstream's executeScript (workflow/controller/operator.go): the script's path goes after the args.
        var argv = command.Concat(request.Args)
            .Concat(request.ScriptSource is null ? [] : [await WriteScriptAsync(workDir, request.ScriptSource, cancellationToken).ConfigureAwait(false)]).ToList();
        if (argv.Count == 0)
        {
            throw new ContainerStartException($"the process runtime needs container.command: the entry point of image '{request.Image}' is not known on this host");
        }

        // "executable file not found" as the container runtime says it to Argo (test/e2e/invalid_command_test.go).
        argv[0] = Resolve(argv[0], searchPath)
            ?? throw new ContainerStartException($"cannot run '{argv[0]}' on this host: executable file not found in $PATH (the process runtime runs commands on the host; image '{request.Image}' is not pulled)", commandNotFound: true);
        return argv;
    }

    private static StepProcess Start(StepLaunch launch, ContainerRequest request)
    {
        try
        {
            // posix_spawn takes a path: a wrapper named without one (unshare off /usr/bin) is looked up on the host's PATH.
            var program = launch.Argv[0];
            return StepProcess.Start(Path.IsPathRooted(program)
                ? launch
                : launch with { Argv = [Resolve(program, Environment.GetEnvironmentVariable("PATH") ?? string.Empty) ?? program, .. launch.Argv.Skip(1)] });
        }
        catch (Win32Exception e)
        {
            throw new ContainerStartException($"cannot run '{launch.Argv[0]}' on this host: {e.Message} (the process runtime runs commands on the host; image '{request.Image}' is not pulled)", e);
        }
    }

    private static string WorkingDirectory(ContainerRequest request, string workDir)
    {
        if (request.WorkingDir is not { } dir)
        {
            return workDir;
        }

        var full = Path.IsPathRooted(dir) ? dir : Path.Combine(workDir, dir);
        Directory.CreateDirectory(full);
        return full;
    }

    /// <summary>The step's whole environment: a few of the host's variables, PATH with the stand-ins, TMPDIR, the template's.</summary>
    private static Dictionary<string, string> Variables(ContainerRequest request, string path, string tmp)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        variables["PATH"] = path;
        variables["TMPDIR"] = tmp;
        foreach (var variable in request.Env)
        {
            variables[variable.Name] = variable.Value;
        }

        return variables;
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
