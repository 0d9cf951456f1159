using Azure.Core;
using Durango.Engine.Executors;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// The <c>aci</c> container runtime: each container or script node is an Azure Container Instances container group,
/// created through the ARM REST API, polled with back-off until its container terminates (its log streamed into the
/// node's log meanwhile), read for exit code and output, and deleted — also when the node is stopped, terminated or
/// runs out of time. The group is named from the node's pod name, so an activity that runs again for the same node
/// (a replay, a host that died) finds its group and waits for it rather than starting the work twice.
/// </summary>
public sealed class AciContainerRuntime : IContainerRuntime
{
    private readonly AciOptions _options;
    private readonly ArmClient _arm;

    /// <summary>Creates the runtime; ARM calls carry tokens from <paramref name="credential"/>.</summary>
    public AciContainerRuntime(AciOptions options, TokenCredential credential)
    {
        if (options.Missing() is { } missing)
        {
            throw new InvalidOperationException($"Durango:ContainerRuntime is aci but {missing} is not set");
        }

        _options = options;
        _arm = new ArmClient(options.Endpoint, credential, options);
    }

    /// <inheritdoc/>
    public string Name => "aci";

    /// <inheritdoc/>
    public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var (body, error) = ContainerGroupSpec.Build(request, _options);
        if (error is not null)
        {
            throw new ContainerStartException(error);
        }

        var name = ContainerGroupNames.For(request.PodName);
        var group = $"subscriptions/{_options.SubscriptionId}/resourceGroups/{_options.ResourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/{name}";
        try
        {
            var existing = await _arm.SendAsync(RequestMethod.Get, Versioned(group), null, cancellationToken).ConfigureAwait(false);
            if (existing.Status == 404)
            {
                await request.Log.WriteLineAsync($"[durango] aci: creating container group {name} for image {request.Image}", cancellationToken).ConfigureAwait(false);
                var created = await _arm.SendAsync(RequestMethod.Put, Versioned(group), body, cancellationToken).ConfigureAwait(false);
                if (created.Status is not (200 or 201))
                {
                    throw new ContainerStartException($"ACI did not create container group {name}: {ArmClient.ErrorOf(created)}");
                }
            }
            else if (existing.Status == 200)
            {
                await request.Log.WriteLineAsync($"[durango] aci: container group {name} exists from an earlier run of this node; waiting for it", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new ContainerStartException($"ACI: reading container group {name} failed: {ArmClient.ErrorOf(existing)}");
            }

            return await WaitAsync(request, name, group, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DeleteAsync(request, name, group).ConfigureAwait(false);
        }
    }

    private async Task<ContainerResult> WaitAsync(ContainerRequest request, string name, string group, CancellationToken cancellationToken)
    {
        var delay = _options.PollInterval;
        var shown = 0;
        while (true)
        {
            var response = await _arm.SendAsync(RequestMethod.Get, Versioned(group), null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw new ContainerStartException($"ACI: container group {name} was deleted while this run waited for it (by another run of this node, or by hand)");
            }

            if (response.Status != 200 || response.Body is null)
            {
                throw new ContainerStartException($"ACI: container group {name} could not be read: {ArmClient.ErrorOf(response)}");
            }

            var state = ContainerGroupState.Read(response.Body);
            if (state.ProvisioningFailed)
            {
                throw new ContainerStartException($"ACI could not run container group {name}: {state.Message ?? "provisioning failed"}");
            }

            if (state.Started)
            {
                var output = await LogsAsync(group, cancellationToken).ConfigureAwait(false);
                shown = await ShowNewLinesAsync(request.Log, output, shown, final: state.Terminated, cancellationToken).ConfigureAwait(false);
                if (state.Terminated)
                {
                    var (stdout, files) = OutputCapture.Split(output, request.OutputPaths);
                    return new ContainerResult(state.ExitCode ?? -1, stdout, files);
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(_options.MaxPollInterval.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    private async Task<string> LogsAsync(string group, CancellationToken cancellationToken)
    {
        var logs = await _arm.SendAsync(RequestMethod.Get, Versioned($"{group}/containers/{ContainerGroupSpec.ContainerName}/logs"), null, cancellationToken).ConfigureAwait(false);
        return logs.Status == 200 ? logs.Body?["content"]?.GetValue<string>() ?? string.Empty : string.Empty;
    }

    /// <summary>Appends the complete lines of <paramref name="output"/> after the first <paramref name="shown"/> characters; stops at captured files.</summary>
    private static async Task<int> ShowNewLinesAsync(NodeLog log, string output, int shown, bool final, CancellationToken cancellationToken)
    {
        // ACI returns the whole log each time; only what is new since the last poll is appended.
        var end = final ? output.Length : output.LastIndexOf('\n') + 1;
        if (end <= shown)
        {
            return shown;
        }

        foreach (var line in output[shown..end].TrimEnd('\n').Split('\n'))
        {
            if (OutputCapture.IsMarker(line))
            {
                return output.Length;
            }

            await log.WriteLineAsync(line, cancellationToken).ConfigureAwait(false);
        }

        return end;
    }

    /// <summary>Deletes the group whatever happened: success, failure, stop, terminate or deadline.</summary>
    private async Task DeleteAsync(ContainerRequest request, string name, string group)
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var deleted = await _arm.SendAsync(RequestMethod.Delete, Versioned(group), null, patience.Token).ConfigureAwait(false);
            if (deleted.Status is not (200 or 202 or 204 or 404))
            {
                await request.Log.WriteLineAsync($"[durango] aci: could not delete container group {name}: {ArmClient.ErrorOf(deleted)}", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            await request.Log.WriteLineAsync($"[durango] aci: could not delete container group {name}: {e.Message}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private string Versioned(string path) => $"{path}?api-version={_options.ApiVersion}";
}
