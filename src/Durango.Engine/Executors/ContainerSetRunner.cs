using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Engine.Executors;

/// <summary>
/// Runs a <c>containerSet</c> pod with the container runtime: each container once its dependencies succeeded
/// (<see cref="ContainerSetGraph"/>), independent ones at the same time, all mounting the set's volumes — host
/// directories under the work root that live as long as the pod — and each failing command run again as
/// <c>retryStrategy</c> says. Every container is a <c>Container</c> node under the pod's node, recorded as it starts
/// and ends. <c>outputs.result</c>, the exit code and the output files are the <c>main</c> container's.
/// </summary>
internal sealed partial class ContainerSetRunner(IContainerRuntime runtime, string workRoot)
{
    /// <summary>One container ready to run: its request (env resolved) or why it cannot start.</summary>
    public sealed record Prepared(ContainerRequest? Request, LeafOutcome? Error);

    public async Task<LeafOutcome> RunAsync(
        string workflow, string podName, Template template, ContainerSetBody set, Func<ContainerSetMember, IReadOnlyList<HostVolume>, Prepared> prepare,
        NodeLog log, LeafNode? node, CancellationToken cancellationToken, IArtifactExchange? artifacts = null)
    {
        if (runtime is IContainerSetRuntime unit)
        {
            return await RunAsOneAsync(unit, workflow, podName, template, set, prepare, log, node, artifacts, cancellationToken).ConfigureAwait(false);
        }

        if (set.VolumeMounts.Count > 0 && !runtime.SupportsVolumes)
        {
            return new LeafOutcome(NodePhase.Error, $"the {runtime.Name} runtime cannot mount a containerSet's volumeMounts; use the process or docker runtime");
        }

        var volumeRoot = Path.Combine(workRoot, StoreKeys.Safe(workflow), StoreKeys.Safe(podName) + ".volumes");
        var volumes = set.VolumeMounts.Select(m => new HostVolume(Path.Combine(volumeRoot, StoreKeys.Safe(m.Name)), m.MountPath)).ToList();
        foreach (var volume in volumes)
        {
            Directory.CreateDirectory(volume.HostDirectory);
        }

        var ended = new Dictionary<string, ContainerEnd>(StringComparer.Ordinal);
        var phases = set.Containers.ToDictionary(c => c.Name, _ => NodePhase.Pending, StringComparer.Ordinal);
        var results = new Dictionary<string, ContainerResult>(StringComparer.Ordinal);
        var running = new Dictionary<string, Task<(ContainerEnd End, ContainerResult? Result)>>(StringComparer.Ordinal);
        var nodes = new ContainerNodes(workflow, template.Name, node, log);
        try
        {
            await nodes.WriteAsync(set.Containers.Select(c => nodes.Pending(set, c)).Append(nodes.PodLinks(set)), cancellationToken).ConfigureAwait(false);

            // A container set's artifacts live in its volumes, as in Argo: placed before any container starts.
            string InVolume(string path) => VolumeMounts.HostPath(path, volumes)
                ?? throw new ContainerStartException($"the containerSet artifact path '{path}' is not under one of its volumeMounts; put it in a shared volume, as Argo requires");
            if (artifacts is { Paths.Count: > 0 })
            {
                await artifacts.PlaceInputsAsync(InVolume, cancellationToken).ConfigureAwait(false);
            }
            while (true)
            {
                foreach (var (name, end) in ContainerSetGraph.Blocked(set, ended).Where(b => phases[b.Name] == NodePhase.Pending))
                {
                    (ended[name], phases[name]) = (end, end.Phase);
                    await nodes.WriteAsync([nodes.Ended(name, end, null)], cancellationToken).ConfigureAwait(false);
                }

                foreach (var name in ContainerSetGraph.Ready(set, phases))
                {
                    var member = set.Containers.First(c => c.Name == name);
                    phases[name] = NodePhase.Running;
                    await nodes.WriteAsync([nodes.Running(name)], cancellationToken).ConfigureAwait(false);
                    running[name] = RunContainerAsync(KeepingFiles(prepare(member, volumes), volumeRoot, name), set.Retry, log.Part(nodes.Id(name)), name, cancellationToken);
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Values).ConfigureAwait(false);
                var finished = running.First(r => r.Value == done).Key;
                running.Remove(finished);
                var (containerEnd, result) = await done.ConfigureAwait(false);
                (ended[finished], phases[finished]) = (containerEnd, containerEnd.Phase);
                if (result is not null)
                {
                    results[finished] = result;
                }

                await nodes.WriteAsync([nodes.Ended(finished, containerEnd, result)], cancellationToken).ConfigureAwait(false);
            }

            // Outputs are read once the whole pod has ended, as Argo's wait container reads them: a file that another
            // container writes to a shared volume after main has exited counts (upstream workspace-workflow.yaml).
            if (results.TryGetValue(ContainerSetBody.MainContainer, out var mainResult))
            {
                results[ContainerSetBody.MainContainer] = mainResult with { OutputFiles = await ReadAgainAsync(mainResult.OutputFiles, volumes, cancellationToken).ConfigureAwait(false) };
            }

            if (artifacts is { Paths.Count: > 0 })
            {
                await artifacts.CollectOutputsAsync(InVolume, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var task in running.Values)
            {
                // Cancelled with the pod: wait until each process is gone before its volumes are.
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The pod's outcome is already decided (cancelled); this container's end adds nothing to it.
                }
            }

            ChildProcesses.TryDelete(volumeRoot);
        }

        var pod = ContainerSetGraph.Pod(set, ended);
        var main = results.GetValueOrDefault(ContainerSetBody.MainContainer);
        var stdout = main?.Stdout.TrimEnd('\n', '\r');
        return new LeafOutcome(pod.Phase, pod.Message, stdout, pod.ExitCode, main?.OutputFiles);
    }

    private static ContainerEnd EndOf(int exitCode) => exitCode == 0
        ? new ContainerEnd(NodePhase.Succeeded, null, 0)
        : new ContainerEnd(NodePhase.Failed, ArgoMessages.ExitCode(exitCode), exitCode);

    /// <summary>
    /// A container's retries run in the same container, as the emissary retries its command there: on the process
    /// runtime, whose every run starts in a fresh folder, a container without a <c>workingDir</c> gets one that lasts
    /// as long as the pod, so files it wrote in one attempt are there in the next (upstream TestContainerSetRetryFail).
    /// </summary>
    private Prepared KeepingFiles(Prepared prepared, string volumeRoot, string name) =>
        runtime is ProcessContainerRuntime && prepared.Request is { WorkingDir: null } request
            ? prepared with { Request = request with { WorkingDir = Directory.CreateDirectory(Path.Combine(volumeRoot, ".work", StoreKeys.Safe(name))).FullName } }
            : prepared;

    private static async Task<IReadOnlyDictionary<string, string?>> ReadAgainAsync(
        IReadOnlyDictionary<string, string?> files, IReadOnlyList<HostVolume> volumes, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, string?>(files, StringComparer.Ordinal);
        foreach (var path in files.Keys)
        {
            if (VolumeMounts.HostPath(path, volumes) is { } host && File.Exists(host))
            {
                read[path] = await File.ReadAllTextAsync(host, cancellationToken).ConfigureAwait(false);
            }
        }

        return read;
    }

    /// <summary>
    /// Runs one container, again as <paramref name="retry"/> says. Its output goes to <paramref name="log"/>, the
    /// container node's part of the pod's log, so it can be read by the container's name as upstream's per-container
    /// logs can (TestWorkflowTemplateWithRetryStrategyInContainerSet), and is still in the pod's log.
    /// </summary>
    private async Task<(ContainerEnd, ContainerResult?)> RunContainerAsync(Prepared prepared, ContainerSetRetry? retry, NodeLog log, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (prepared.Request is not { } request)
            {
                return (new ContainerEnd(prepared.Error!.Phase, prepared.Error.Message, null), null);
            }

            request = request with { Log = log };
            var attempts = ContainerSetGraph.Attempts(retry);
            for (var attempt = 1; ; attempt++)
            {
                ContainerResult result;
                try
                {
                    result = await runtime.RunAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (ContainerStartException e)
                {
                    var message = log.Redact(e.Message);
                    await log.WriteLineAsync($"[durango] container {name}: {message}", cancellationToken).ConfigureAwait(false);
                    return (e.CommandNotFound ? ContainerSetGraph.CommandNotFound(message) : new ContainerEnd(NodePhase.Error, message, null), null);
                }

                if (result.ExitCode == 0 || attempt >= attempts)
                {
                    return (EndOf(result.ExitCode), result);
                }

                await log.WriteLineAsync($"[durango] container {name}: exit code {result.ExitCode}, run {attempt} of {attempts}; running it again", cancellationToken).ConfigureAwait(false);
                await Task.Delay(ContainerSetGraph.Delay(retry), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The log store is unavailable: the lines are in the pod's log, which reports its own failure.
            }
        }
    }

    /// <summary>The records of the pod's container nodes.</summary>
    private sealed class ContainerNodes(string workflow, string template, LeafNode? pod, NodeLog log)
    {
        public NodeStatus Pending(ContainerSetBody set, ContainerSetMember member) => Node(member.Name) with
        {
            Children = set.Containers.Where(c => c.Dependencies.Contains(member.Name, StringComparer.Ordinal)).Select(c => Id(c.Name)).ToList(),
        };

        /// <summary>The pod node's children: the containers that depend on none (upstream's <c>addChildNode</c>).</summary>
        public NodeStatus PodLinks(ContainerSetBody set) => pod!.Node with
        {
            Phase = NodePhase.Pending,
            Children = set.Containers.Where(c => c.Dependencies.Count == 0).Select(c => Id(c.Name)).ToList(),
        };

        public NodeStatus Running(string name) => Node(name) with { Phase = NodePhase.Running, StartedAt = DateTimeOffset.UtcNow };

        public NodeStatus Ended(string name, ContainerEnd end, ContainerResult? result) => Node(name) with
        {
            Phase = end.Phase,
            Message = end.Message,
            FinishedAt = DateTimeOffset.UtcNow,
            Outputs = end.ExitCode is { } code ? new NodeOutputs { ExitCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null,
        };

        public async Task WriteAsync(IEnumerable<NodeStatus> records, CancellationToken cancellationToken)
        {
            if (pod is null)
            {
                return;
            }

            try
            {
                await pod.Record([.. records], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // The containers' nodes are a view of the pod's progress; the pod's own record is what counts.
                await log.WriteLineAsync($"[durango] could not record the containers' nodes: {log.Redact(e.Message)}", cancellationToken).ConfigureAwait(false);
            }
        }

        public string Id(string name) => NodeIds.NodeId(workflow, ContainerSetGraph.NodeName(pod?.Node.Name ?? string.Empty, name));

        private NodeStatus Node(string name) => new()
        {
            Id = Id(name),
            Name = ContainerSetGraph.NodeName(pod?.Node.Name ?? string.Empty, name),
            DisplayName = name,
            Type = NodeType.Container,
            TemplateName = template,
            Phase = NodePhase.Pending,
            BoundaryId = pod?.Node.Id,
            NodeFlag = pod?.Node.NodeFlag,
            Run = pod?.Node.Run ?? 0,
        };
    }
}
