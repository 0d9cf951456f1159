using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>
/// A node as argo-server answers it in <c>status.nodes[id]</c>: Argo's fields of the engine's <see cref="NodeStatus"/>,
/// without Durango's bookkeeping (which run wrote it), with Argo's <c>progress</c>, counted when the workflow is read.
/// </summary>
public sealed record NodeView : ArgoNode
{
    /// <summary>An empty view, for readers of the API's JSON (the CLI's client).</summary>
    public NodeView()
    {
    }

    [SetsRequiredMembers]
    private NodeView(ArgoNode node, string? progress)
        : base(node) => Progress = progress;

    /// <summary>Argo's <c>N/M</c> progress of the node (<see cref="Engine.Semantics.WorkflowProgress"/>); written after Argo's other fields.</summary>
    [JsonPropertyOrder(1)]
    public string? Progress { get; init; }

    /// <summary>The view of <paramref name="node"/>, with its <paramref name="progress"/> when counted.</summary>
    public static NodeView Of(NodeStatus node, string? progress) => new(node, progress);
}
