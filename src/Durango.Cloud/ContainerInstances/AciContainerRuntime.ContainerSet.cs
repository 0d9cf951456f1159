using Durango.Engine.Executors;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// A <c>containerSet</c> pod on ACI: one container group with a container per container of the set
/// (<see cref="ContainerSetGroupSpec"/>), named from the pod so that a second run of the node finds it. Each look at
/// the group streams every container's new log lines into the node's log and reports the containers that have
/// terminated, with their exit codes from the instance view and <c>main</c>'s result and output files from its log.
/// </summary>
public sealed partial class AciContainerRuntime
{
    /// <inheritdoc/>
    public async Task RunSetAsync(
        ContainerSetRequest request, Func<IReadOnlyDictionary<string, ContainerResult>, CancellationToken, Task<bool>> observed, CancellationToken cancellationToken)
    {
        var name = ContainerGroupNames.For(request.PodName);
        var staging = request.Artifacts is { Paths.Count: > 0 } ? new ArtifactStaging(StagingFolder(name), null) : null;
        if (staging is not null)
        {
            if (_staging is null || _options.ArtifactAgentImage is null)
            {
                throw new ContainerStartException(NoArtifactStaging);
            }

            // As on every runtime, a container set's artifacts live in its volumes (Argo requires it).
            if (request.Artifacts!.Paths.FirstOrDefault(p => !request.VolumeMounts.Any(m => p == m.MountPath.TrimEnd('/') || p.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))) is { } outside)
            {
                throw new ContainerStartException($"the containerSet artifact path '{outside}' is not under one of its volumeMounts; put it in a shared volume, as Argo requires");
            }
        }

        var (_, error) = ContainerSetGroupSpec.Build(request, _options, staging is null ? null : new AciArtifacts(string.Empty, null, null, [], []));
        if (error is not null)
        {
            throw new ContainerStartException(error);
        }

        var group = GroupPath(name);
        try
        {
            var images = string.Join(", ", request.Containers.Select(c => c.Request.Image).Distinct(StringComparer.Ordinal));
            await EnsureGroupAsync(request.Log, name, $"the containerSet's {request.Containers.Count} containers ({images})", async () =>
            {
                var artifacts = staging is null ? null : await StageInputsAsync(request.Artifacts!, request.Log, name, staging, cancellationToken).ConfigureAwait(false);
                return ContainerSetGroupSpec.Build(request, _options, artifacts).Body!;
            }, cancellationToken).ConfigureAwait(false);

            await WaitForSetAsync(request, name, group, observed, cancellationToken).ConfigureAwait(false);
            if (staging is not null)
            {
                await CollectOutputsAsync(request.Artifacts!, request.Log, name, staging, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await DeleteAsync(request.Log, name, group).ConfigureAwait(false);
            if (staging is not null)
            {
                await ForgetArtifactsAsync(request.Log, name, staging).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForSetAsync(
        ContainerSetRequest request, string name, string group, Func<IReadOnlyDictionary<string, ContainerResult>, CancellationToken, Task<bool>> observed, CancellationToken cancellationToken)
    {
        var delay = _options.PollInterval;
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        var terminated = new Dictionary<string, ContainerResult>(StringComparer.Ordinal);
        while (true)
        {
            var state = await ReadRunningGroupAsync(name, group, cancellationToken).ConfigureAwait(false);

            var agents = state.FailedOthers.Where(n => n is ArtifactAgent.InputsContainer or ArtifactAgent.OutputsContainer).ToList();
            if (agents.Count > 0)
            {
                foreach (var agent in agents)
                {
                    await request.Log.WriteLineAsync($"[durango] aci: {agent}: {(await LogsAsync(group, cancellationToken, agent).ConfigureAwait(false)).Trim()}", cancellationToken).ConfigureAwait(false);
                }

                throw new ContainerStartException($"ACI: the artifact agent of container group {name} failed ({string.Join(", ", agents)}); see the node's log");
            }

            foreach (var member in request.Containers.Where(m => !terminated.ContainsKey(m.Name)))
            {
                var container = ContainerSetGroupSpec.ContainerOf(member.Name);
                if (state.Containers.GetValueOrDefault(container) is not { Started: true } instance)
                {
                    continue;
                }

                var output = await LogsAsync(group, cancellationToken, container).ConfigureAwait(false);
                shown[member.Name] = await ShowNewLinesAsync(request.Log, output, shown.GetValueOrDefault(member.Name), final: instance.Terminated, cancellationToken).ConfigureAwait(false);
                if (instance.Terminated)
                {
                    var (stdout, files) = OutputCapture.Split(ContainerSetGroupSpec.LastRun(output, container), member.Request.OutputPaths);
                    terminated[member.Name] = new ContainerResult(instance.ExitCode ?? -1, stdout, files);
                }
            }

            var over = await observed(terminated, cancellationToken).ConfigureAwait(false) || terminated.Count == request.Containers.Count;
            if (over && state.Containers.GetValueOrDefault(ArtifactAgent.OutputsContainer) is null or { Terminated: true })
            {
                return;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }
}
