using System.Globalization;
using System.Text.Json;
using Durango.Core.Resolution;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <summary>
/// What a list needs of a workflow, kept in its orchestration's tags (stored with the instance, read without its
/// input): namespace, uid, creation time, labels. A list then reads a page of instances, never their inputs.
/// </summary>
public static class WorkflowTags
{
    private const string Namespace = "durango.namespace";
    private const string Uid = "durango.uid";
    private const string Created = "durango.created";
    private const string Labels = "durango.labels";

    /// <summary>The tags of <paramref name="workflow"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(ResolvedWorkflow workflow) => new Dictionary<string, string>
    {
        [Namespace] = workflow.Namespace,
        [Uid] = workflow.Uid,
        [Created] = workflow.CreationTimestamp.ToString("O", CultureInfo.InvariantCulture),
        [Labels] = JsonSerializer.Serialize(workflow.Labels),
    };

    /// <summary>The metadata recorded in <paramref name="metadata"/>'s tags; null for instances Durango did not tag.</summary>
    public static WorkflowMetadataView? Read(OrchestrationMetadata metadata)
    {
        var tags = metadata.Tags;
        if (tags is null || !tags.TryGetValue(Namespace, out var @namespace))
        {
            return null;
        }

        var labels = tags.TryGetValue(Labels, out var json) ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
        var created = tags.TryGetValue(Created, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : metadata.CreatedAt;
        return new WorkflowMetadataView(metadata.InstanceId, @namespace, tags.GetValueOrDefault(Uid) ?? string.Empty, created, labels, new Dictionary<string, string>());
    }
}
