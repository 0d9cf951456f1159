using Durango.Core.Spec;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Engine.Artifacts;

/// <summary>
/// Makes the <see cref="IArtifactExchange"/> of one step (its inputs to load, its outputs to store, in the workflow's
/// repository), and archives a step's log as its <c>main-logs</c> artifact when <c>archiveLogs</c> says so.
/// </summary>
public sealed class ArtifactTransfer(ArtifactLocations locations, IHttpClientFactory http, ArtifactRepositories repositories, ILogStore logs)
{
    /// <summary>The artifacts of <paramref name="template"/> (inputs bound, outputs substituted) as node <paramref name="podName"/> of <paramref name="workflow"/>; null when it has none.</summary>
    public StepArtifacts? For(string workflow, string podName, Template template) =>
        template.Inputs.Artifacts.Count == 0 && template.Outputs.Artifacts.Count == 0
            ? null
            : new StepArtifacts(locations, http, workflow, podName, template, () => repositories.Resolve(template.ArchiveLocation?.Repository));

    /// <summary>The secret values the artifacts of <paramref name="template"/> use.</summary>
    public IEnumerable<string> SecretValues(Template template) => locations.SecretValues(template.Inputs.Artifacts.Concat(template.Outputs.Artifacts));

    /// <summary>
    /// Saves the log of node <paramref name="nodeId"/> (already redacted) as its <c>main-logs</c> output artifact when
    /// the repository, workflow or template asks for it (container and script steps, as Argo's pods); a log that
    /// cannot be saved errors a step that succeeded, as upstream's executor does.
    /// </summary>
    public async Task<(NodePhase Phase, string? Message, NodeOutputs Outputs)> ArchiveLogAsync(
        string workflow, string nodeId, string podName, Template template, NodePhase phase, string? message, NodeOutputs outputs, CancellationToken cancellationToken = default)
    {
        if (template.Body is not (ContainerBody or ScriptBody) || template.ArchiveLocation is null && !repositories.DefaultArchivesLogs)
        {
            return (phase, message, outputs);
        }

        try
        {
            var repository = repositories.Resolve(template.ArchiveLocation?.Repository);
            if (!ArtifactRepositoryRules.ArchiveLogs(repository.ArchiveLogs, template.ArchiveLocation))
            {
                return (phase, message, outputs);
            }

            var artifact = ArtifactRepositoryRules.LogArtifact(repository.Location, StepArtifacts.StepKey(repository, workflow, podName));
            var (store, key) = locations.Locate(artifact.Azure!);
            var stream = await store.OpenWriteAsync(key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var writer = new StreamWriter(stream, leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    for (long offset = 0; ;)
                    {
                        var chunk = await logs.ReadAsync(workflow, nodeId, offset, cancellationToken: cancellationToken).ConfigureAwait(false);
                        await writer.WriteAsync(chunk.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                        if (chunk.AtEnd || chunk.NextOffset <= offset)
                        {
                            break;
                        }

                        offset = chunk.NextOffset;
                    }
                }
            }

            return (phase, message, outputs with { Artifacts = [.. outputs.Artifacts ?? [], artifact] });
        }
        catch (ArtifactException e)
        {
            var failure = $"failed to save the log as artifact '{ArtifactRepositoryRules.LogArtifactName}': {e.Message}";
            return phase == NodePhase.Succeeded ? (NodePhase.Error, failure, outputs) : (phase, message, outputs);
        }
    }
}
