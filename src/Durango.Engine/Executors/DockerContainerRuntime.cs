using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Text;

namespace Durango.Engine.Executors;

/// <summary>
/// The <c>docker</c> runtime, for developers with a Docker engine: each container or script node is a container
/// named from its pod name (<c>docker create</c>, then <c>docker start -a</c>), its output streamed into the node's
/// log, its output files copied out with <c>docker cp</c>, and the container removed afterwards — also on stop,
/// terminate and deadline. A second run for the same node finds the container of the first: it attaches to it if it
/// still runs, or reads its result if it has ended, instead of starting the work again. Secret values reach the
/// container through the docker CLI's environment (<c>-e NAME</c>), never its command line. Artifacts go through a
/// host folder (<see cref="ArtifactStaging"/>): inputs are copied into the created container as one tar stream
/// (<c>docker cp - NAME:/</c>) before it starts, outputs out of it (<c>docker cp NAME:PATH -</c>) after it ends.
/// </summary>
public sealed class DockerContainerRuntime(string workRoot, string docker = "docker") : IContainerRuntime
{
    private const string ScriptDirectory = "/durango/script";

    /// <inheritdoc/>
    public string Name => "docker";

    /// <inheritdoc/>
    public bool SupportsVolumes => true;

    /// <inheritdoc/>
    public bool MovesArtifacts => true;

    /// <inheritdoc/>
    public bool RunsDaemons => true;

    /// <summary>A daemon's address: its container's IP on the docker network(s) it is attached to.</summary>
    public async Task<string?> AddressOfAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var inspect = await RunDockerAsync(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", ContainerName(request.PodName)], null, null, cancellationToken).ConfigureAwait(false);
        return inspect.ExitCode == 0 && inspect.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } ip ? ip : null;
    }

    /// <inheritdoc/>
    public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Image))
        {
            throw new ContainerStartException("the docker runtime needs container.image");
        }

        var name = ContainerName(request.PodName);
        var scriptDirectory = Path.Combine(workRoot, request.WorkflowName, request.PodName);
        var staging = request.Artifacts is { Paths.Count: > 0 } ? new ArtifactStaging(scriptDirectory + ".artifacts", request.WorkingDir) : null;
        try
        {
            var status = await RunDockerAsync(["inspect", "--format", "{{.State.Status}}", name], null, null, CancellationToken.None).ConfigureAwait(false);
            int exitCode;
            var stdout = new StringBuilder();
            if (status.ExitCode != 0 || status.Output.Trim() == "created")
            {
                // Not there, or created by a run whose host died before it started it: inputs (again), then start.
                if (status.ExitCode != 0)
                {
                    await CreateAsync(request, name, scriptDirectory, cancellationToken).ConfigureAwait(false);
                }

                if (staging is not null)
                {
                    await CopyInputsAsync(request, name, staging, cancellationToken).ConfigureAwait(false);
                }

                exitCode = (await RunDockerAsync(["start", "-a", name], request, stdout, cancellationToken).ConfigureAwait(false)).ExitCode;
            }
            else
            {
                await request.Log.WriteLineAsync($"[durango] docker: container {name} exists from an earlier run of this node ({status.Output.Trim()}); attaching", cancellationToken).ConfigureAwait(false);
                await RunDockerAsync(["logs", status.Output.Trim() == "running" ? "--follow" : "--tail=all", name], request, stdout, cancellationToken).ConfigureAwait(false);
                var waited = await RunDockerAsync(["wait", name], null, null, cancellationToken).ConfigureAwait(false);
                exitCode = int.TryParse(waited.Output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var files = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in request.OutputPaths.Distinct(StringComparer.Ordinal))
            {
                files[path] = await CopyOutAsync(name, AbsolutePath(path, request.WorkingDir), cancellationToken).ConfigureAwait(false);
            }

            if (staging is not null)
            {
                await CopyOutputsAsync(request, name, staging, cancellationToken).ConfigureAwait(false);
            }

            return new ContainerResult(exitCode, stdout.ToString(), files);
        }
        finally
        {
            await RunDockerAsync(["rm", "--force", name], null, null, CancellationToken.None).ConfigureAwait(false);
            ChildProcesses.TryDelete(scriptDirectory);
            if (staging is not null)
            {
                ChildProcesses.TryDelete(staging.Root);
            }
        }
    }

    /// <summary>Places the inputs in the staging folder and streams them into the container as one tar rooted at <c>/</c>.</summary>
    private async Task CopyInputsAsync(ContainerRequest request, string name, ArtifactStaging staging, CancellationToken cancellationToken)
    {
        ChildProcesses.TryDelete(staging.Root);
        Directory.CreateDirectory(staging.InputRoot);
        await request.Artifacts!.PlaceInputsAsync(staging.InputPath, cancellationToken).ConfigureAwait(false);
        if (staging.Placed(request.Artifacts.Paths).Count == 0)
        {
            return;
        }

        var copied = await RunDockerAsync(["cp", "-", $"{name}:/"], null, null, cancellationToken,
            writeInput: stdin => TarFile.CreateFromDirectoryAsync(staging.InputRoot, stdin, includeBaseDirectory: false, cancellationToken)).ConfigureAwait(false);
        if (copied.ExitCode != 0)
        {
            throw new ContainerStartException($"docker could not copy the input artifacts into container {name}: {copied.Error.Trim()}");
        }
    }

    /// <summary>Copies each output path that exists out of the ended container into the staging folder, then collects them.</summary>
    private async Task CopyOutputsAsync(ContainerRequest request, string name, ArtifactStaging staging, CancellationToken cancellationToken)
    {
        foreach (var path in request.Artifacts!.OutputPaths.Select(staging.Absolute).Distinct(StringComparer.Ordinal))
        {
            var parent = Path.GetDirectoryName(staging.OutputPath(path.TrimEnd('/')))!;
            Directory.CreateDirectory(parent);

            // A path the step did not write is not copied: the exchange reports it missing unless it is optional.
            await RunDockerAsync(["cp", $"{name}:{path.TrimEnd('/')}", "-"], null, null, cancellationToken,
                readOutput: stdout => TarFile.ExtractToDirectoryAsync(stdout, parent, overwriteFiles: true, cancellationToken)).ConfigureAwait(false);
        }

        await request.Artifacts.CollectOutputsAsync(staging.OutputPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A valid container name for <paramref name="podName"/> (letters, digits, <c>_.-</c>).</summary>
    public static string ContainerName(string podName) =>
        string.Concat(podName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')).TrimStart('.', '-', '_');

    private async Task CreateAsync(ContainerRequest request, string name, string scriptDirectory, CancellationToken cancellationToken)
    {
        var args = new List<string> { "create", "--name", name, "--label", $"durango.workflow={request.WorkflowName}", "--label", $"durango.pod={request.PodName}" };
        foreach (var variable in request.Env)
        {
            args.AddRange(["--env", variable.Name]);
        }

        // A quantity that does not parse goes as written: docker's own error then names it.
        if (request.Requests.GetValueOrDefault("cpu") is { } cpu)
        {
            args.AddRange(["--cpus", ResourceQuantities.Cores(cpu)?.ToString(CultureInfo.InvariantCulture) ?? cpu]);
        }

        if (request.Requests.GetValueOrDefault("memory") is { } memory)
        {
            args.AddRange(["--memory", ResourceQuantities.Bytes(memory) is { } bytes ? ((long)bytes).ToString(CultureInfo.InvariantCulture) : memory]);
        }

        if (request.WorkingDir is { } dir)
        {
            args.AddRange(["--workdir", dir]);
        }

        foreach (var volume in request.Volumes)
        {
            // A containerSet's shared workspace: one host directory mounted into each of its containers.
            args.AddRange(["--volume", $"{volume.HostDirectory}:{volume.MountPath}"]);
        }

        var argv = request.Command.ToList();
        if (request.ScriptSource is { } source)
        {
            Directory.CreateDirectory(scriptDirectory);
            await File.WriteAllTextAsync(Path.Combine(scriptDirectory, "script"), source, cancellationToken).ConfigureAwait(false);
            args.AddRange(["--volume", $"{scriptDirectory}:{ScriptDirectory}:ro"]);
        }

        if (argv.Count > 0)
        {
            args.AddRange(["--entrypoint", argv[0]]);
        }

        args.Add(request.Image!);
        args.AddRange(argv.Skip(1));
        args.AddRange(request.Args);
        if (request.ScriptSource is not null)
        {
            // As upstream's executeScript (workflow/controller/operator.go): the script's path goes after the args.
            args.Add($"{ScriptDirectory}/script");
        }

        await request.Log.WriteLineAsync($"[durango] docker: creating container {name} from {request.Image}", cancellationToken).ConfigureAwait(false);
        var created = await RunDockerAsync(args, null, null, cancellationToken, request.Env).ConfigureAwait(false);
        if (created.ExitCode != 0)
        {
            throw new ContainerStartException($"docker could not create container {name}: {created.Error.Trim()}");
        }
    }

    private async Task<string?> CopyOutAsync(string name, string path, CancellationToken cancellationToken)
    {
        string? text = null;
        var copy = await RunDockerAsync(["cp", $"{name}:{path}", "-"], null, null, cancellationToken, readOutput: async stdout =>
        {
            using var tar = new TarReader(stdout, leaveOpen: true);
            if (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { DataStream: { } data })
            {
                using var reader = new StreamReader(data, Encoding.UTF8);
                text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return copy.ExitCode == 0 ? text : null;
    }

    private static string AbsolutePath(string path, string? workingDir) =>
        path.StartsWith('/') ? path : $"{(workingDir ?? "/").TrimEnd('/')}/{path}";

    /// <summary>
    /// Runs the docker CLI; with <paramref name="node"/>, its output lines go to the node's log (stdout also to
    /// <paramref name="stdout"/>). <paramref name="writeInput"/> streams its standard input, <paramref name="readOutput"/>
    /// consumes its standard output (a tar stream of <c>docker cp</c>).
    /// </summary>
    private async Task<DockerRun> RunDockerAsync(
        IReadOnlyList<string> args, ContainerRequest? node, StringBuilder? stdout, CancellationToken cancellationToken,
        IReadOnlyList<ResolvedEnv>? env = null, Func<Stream, Task>? writeInput = null, Func<Stream, Task>? readOutput = null)
    {
        var start = new ProcessStartInfo(docker)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = writeInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = readOutput is not null ? null : Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in env ?? [])
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ContainerStartException($"the docker runtime needs the docker CLI on PATH: {e.Message}", e);
        }

        using var kill = cancellationToken.Register(() => ChildProcesses.Kill(process));
        string output = string.Empty, errors = string.Empty;
        var feeding = writeInput is null ? Task.CompletedTask : FeedAsync(process, writeInput);
        if (node is not null)
        {
            // The container's own output: both streams into the node's log as it comes, stdout also into the result.
            await Task.WhenAll(ChildProcesses.PumpAsync(process.StandardOutput, node.Log, stdout), ChildProcesses.PumpAsync(process.StandardError, node.Log, null)).ConfigureAwait(false);
        }
        else
        {
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            if (readOutput is not null)
            {
                await ReadAllAsync(process.StandardOutput.BaseStream, readOutput).ConfigureAwait(false);
            }
            else
            {
                output = await process.StandardOutput.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            }

            errors = await error.ConfigureAwait(false);
        }

        await feeding.ConfigureAwait(false);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new DockerRun(process.ExitCode, output, errors);
    }

    /// <summary>Writes the process's standard input and closes it; a process that exits early ends the writing.</summary>
    private static async Task FeedAsync(Process process, Func<Stream, Task> writeInput)
    {
        try
        {
            await writeInput(process.StandardInput.BaseStream).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The CLI closed its input (it failed): its exit code and error say why.
        }
        finally
        {
            process.StandardInput.Close();
        }
    }

    /// <summary>Lets <paramref name="readOutput"/> consume the stream, then drains what it left so the process can exit.</summary>
    private static async Task ReadAllAsync(Stream output, Func<Stream, Task> readOutput)
    {
        try
        {
            await readOutput(output).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            // Not a tar (the CLI failed and wrote nothing): its exit code says so.
        }

        await output.CopyToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed record DockerRun(int ExitCode, string Output, string Error);
}
