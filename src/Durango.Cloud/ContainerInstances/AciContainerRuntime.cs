using Azure.Core;
using Azure.Storage.Sas;
using Durango.Engine.Executors;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// The <c>aci</c> container runtime: each container or script node is an Azure Container Instances container group,
/// created through the ARM REST API, polled with back-off until its container terminates (its log streamed into the
/// node's log meanwhile), read for exit code and output, and deleted — also when the node is stopped, terminated or
/// runs out of time. The group is named from the node's pod name, so an activity that runs again for the same node
/// (a replay, a host that died) finds its group and waits for it rather than starting the work twice. Artifacts pass
/// through a staging blob container (<see cref="ArtifactStagingBlobs"/>) and the group's artifact agent
/// (<see cref="ArtifactAgent"/>); the host places and collects them with the step's exchange, as for every runtime.
/// A <c>containerSet</c> pod is one group with all its containers (<c>AciContainerRuntime.ContainerSet.cs</c>).
/// </summary>
public sealed partial class AciContainerRuntime : IContainerRuntime, IContainerSetRuntime
{
    private const string NoArtifactStaging = "the aci runtime moves artifacts through a storage account and an agent image: set Durango:Aci:ArtifactStaging (a connection string or https://NAME.blob.core.windows.net) and Durango:Aci:ArtifactAgentImage (built from src/Durango.Cloud/ContainerInstances/artifact-agent/Dockerfile)";

    private readonly AciOptions _options;
    private readonly ArmClient _arm;
    private readonly ArtifactStagingBlobs? _staging;

    /// <summary>Creates the runtime; ARM calls carry tokens from <paramref name="credential"/>.</summary>
    public AciContainerRuntime(AciOptions options, TokenCredential credential)
    {
        if (options.Missing() is { } missing)
        {
            throw new InvalidOperationException($"Durango:ContainerRuntime is aci but {missing} is not set");
        }

        _options = options;
        _arm = new ArmClient(options.Endpoint, credential, options);
        _staging = options.ArtifactStaging is null ? null : new ArtifactStagingBlobs(options, credential);
    }

    /// <inheritdoc/>
    public string Name => "aci";

    /// <inheritdoc/>
    public bool MovesArtifacts => true;

    /// <inheritdoc/>
    public bool RunsDaemons => true;

    /// <summary>A daemon's address: its container group's private IP in <see cref="AciOptions.SubnetId"/>, once it runs.</summary>
    public async Task<string?> AddressOfAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var group = GroupPath(ContainerGroupNames.For(request.PodName));
        var response = await _arm.SendAsync(RequestMethod.Get, Versioned(group), null, cancellationToken).ConfigureAwait(false);
        return response is { Status: 200, Body: { } body } && ContainerGroupState.Read(body) is { Started: true, IpAddress: { } ip } ? ip : null;
    }

    /// <inheritdoc/>
    public async Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var name = ContainerGroupNames.For(request.PodName);
        var staging = request.Artifacts is { Paths.Count: > 0 }
            ? new ArtifactStaging(StagingFolder(name), request.WorkingDir)
            : null;
        if (staging is not null && (_staging is null || _options.ArtifactAgentImage is null))
        {
            throw new ContainerStartException(NoArtifactStaging);
        }

        var (_, error) = ContainerGroupSpec.Build(request, _options, staging is null ? null : new AciArtifacts(string.Empty, null, null, [], []));
        if (error is not null)
        {
            throw new ContainerStartException(error);
        }

        var group = GroupPath(name);
        try
        {
            await EnsureGroupAsync(request.Log, name, $"image {request.Image}", async () =>
            {
                var artifacts = staging is null ? null : await StageInputsAsync(request.Artifacts!, request.Log, name, staging, cancellationToken).ConfigureAwait(false);
                return ContainerGroupSpec.Build(request, _options, artifacts).Body!;
            }, cancellationToken).ConfigureAwait(false);

            var result = await WaitAsync(request, name, group, cancellationToken).ConfigureAwait(false);
            if (staging is not null)
            {
                await CollectOutputsAsync(request.Artifacts!, request.Log, name, staging, cancellationToken).ConfigureAwait(false);
            }

            return result;
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

    /// <summary>
    /// Creates group <paramref name="name"/> from <paramref name="body"/> (which stages inputs first), unless an earlier run
    /// of the node created it: then this run waits for that group rather than starting the work twice.
    /// </summary>
    private async Task EnsureGroupAsync(NodeLog log, string name, string what, Func<Task<System.Text.Json.Nodes.JsonObject>> body, CancellationToken cancellationToken)
    {
        var group = GroupPath(name);
        var existing = await _arm.SendAsync(RequestMethod.Get, Versioned(group), null, cancellationToken).ConfigureAwait(false);
        if (existing.Status == 404)
        {
            var spec = await body().ConfigureAwait(false);
            await log.WriteLineAsync($"[durango] aci: creating container group {name} for {what}", cancellationToken).ConfigureAwait(false);
            var created = await _arm.SendAsync(RequestMethod.Put, Versioned(group), spec, cancellationToken).ConfigureAwait(false);
            if (created.Status is not (200 or 201))
            {
                throw new ContainerStartException($"ACI did not create container group {name}: {ArmClient.ErrorOf(created)}");
            }
        }
        else if (existing.Status == 200)
        {
            await log.WriteLineAsync($"[durango] aci: container group {name} exists from an earlier run of this node; waiting for it", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ContainerStartException($"ACI: reading container group {name} failed: {ArmClient.ErrorOf(existing)}");
        }
    }

    private string GroupPath(string name) =>
        $"subscriptions/{_options.SubscriptionId}/resourceGroups/{_options.ResourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/{name}";

    private string StagingFolder(string name) => Path.Combine(_options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "durango-aci"), name + ".artifacts");

    /// <summary>
    /// Uploads the step's inputs as one bundle (unless an earlier run of the node did) and signs the group's two URLs.
    /// Every artifact path goes to the wrapper as a possible input: it copies those the bundle holds.
    /// </summary>
    private async Task<AciArtifacts> StageInputsAsync(IArtifactExchange exchange, NodeLog log, string name, ArtifactStaging staging, CancellationToken cancellationToken)
    {
        var inputs = _staging!.Blob(name, "inputs");
        Uri? inputsUrl = null;
        if ((await inputs.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            await log.WriteLineAsync("[durango] aci: input artifacts found in staging, uploaded by an earlier run of this node", cancellationToken).ConfigureAwait(false);
            inputsUrl = await _staging.SasAsync(inputs, BlobSasPermissions.Read, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            DeleteFolder(staging.Root);
            Directory.CreateDirectory(staging.InputRoot);
            await exchange.PlaceInputsAsync(staging.InputPath, cancellationToken).ConfigureAwait(false);
            if (staging.Placed(exchange.Paths).Count > 0)
            {
                await _staging.UploadOnceAsync(inputs, staging.InputRoot, cancellationToken).ConfigureAwait(false);
                inputsUrl = await _staging.SasAsync(inputs, BlobSasPermissions.Read, cancellationToken).ConfigureAwait(false);
            }
        }

        var outputs = exchange.OutputPaths.Select(p => staging.Absolute(p).TrimEnd('/')).Distinct(StringComparer.Ordinal).ToList();
        var outputsUrl = outputs.Count == 0
            ? null
            : await _staging.SasAsync(_staging.Blob(name, "outputs"), BlobSasPermissions.Create | BlobSasPermissions.Write, cancellationToken).ConfigureAwait(false);
        var paths = exchange.Paths.Select(p => staging.Absolute(p).TrimEnd('/')).Distinct(StringComparer.Ordinal).ToList();
        return new AciArtifacts(_options.ArtifactAgentImage!, inputsUrl, outputsUrl, inputsUrl is null ? [] : paths, outputs);
    }

    /// <summary>Downloads the bundle the group's sidecar uploaded and lets the exchange store each output.</summary>
    private async Task CollectOutputsAsync(IArtifactExchange exchange, NodeLog log, string name, ArtifactStaging staging, CancellationToken cancellationToken)
    {
        DeleteFolder(staging.OutputRoot);
        if (exchange.OutputPaths.Count > 0 && !await ArtifactStagingBlobs.DownloadAsync(_staging!.Blob(name, "outputs"), staging.OutputRoot, cancellationToken).ConfigureAwait(false))
        {
            await log.WriteLineAsync("[durango] aci: the container group uploaded no output artifacts", cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(staging.OutputRoot);
        await exchange.CollectOutputsAsync(staging.OutputPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the node's staging blobs and folder once its group is gone.</summary>
    private async Task ForgetArtifactsAsync(NodeLog log, string name, ArtifactStaging staging)
    {
        DeleteFolder(staging.Root);
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _staging!.DeleteAsync(name, patience.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            await log.WriteLineAsync($"[durango] aci: could not delete the staged artifacts of {name}: {e.Message}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
    }

    /// <summary>The state of the group a run waits for; an error when it is gone, cannot be read, or failed to provision.</summary>
    private async Task<ContainerGroupState> ReadRunningGroupAsync(string name, string group, CancellationToken cancellationToken)
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

        return state;
    }

    private async Task<ContainerResult> WaitAsync(ContainerRequest request, string name, string group, CancellationToken cancellationToken)
    {
        var delay = _options.PollInterval;
        var shown = 0;
        while (true)
        {
            var state = await ReadRunningGroupAsync(name, group, cancellationToken).ConfigureAwait(false);

            if (state.FailedOthers.Contains(ArtifactAgent.InputsContainer) || (state.Terminated && state.FailedOthers.Count > 0))
            {
                // The artifact agent's own log says why (curl's and tar's messages carry no URL).
                foreach (var agent in state.FailedOthers)
                {
                    await request.Log.WriteLineAsync($"[durango] aci: {agent}: {(await LogsAsync(group, cancellationToken, agent).ConfigureAwait(false)).Trim()}", cancellationToken).ConfigureAwait(false);
                }

                throw new ContainerStartException($"ACI: the artifact agent of container group {name} failed ({string.Join(", ", state.FailedOthers)}); see the node's log");
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

    private async Task<string> LogsAsync(string group, CancellationToken cancellationToken, string container = ContainerGroupSpec.ContainerName)
    {
        var logs = await _arm.SendAsync(RequestMethod.Get, Versioned($"{group}/containers/{container}/logs"), null, cancellationToken).ConfigureAwait(false);
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
    private async Task DeleteAsync(NodeLog log, string name, string group)
    {
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var deleted = await _arm.SendAsync(RequestMethod.Delete, Versioned(group), null, patience.Token).ConfigureAwait(false);
            if (deleted.Status is not (200 or 202 or 204 or 404))
            {
                await log.WriteLineAsync($"[durango] aci: could not delete container group {name}: {ArmClient.ErrorOf(deleted)}", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            await log.WriteLineAsync($"[durango] aci: could not delete container group {name}: {e.Message}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private string Versioned(string path) => $"{path}?api-version={_options.ApiVersion}";
}
