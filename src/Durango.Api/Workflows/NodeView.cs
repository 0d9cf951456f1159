using System.Text.Json.Serialization;
using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>
/// A node as argo-server answers it in <c>status.nodes[id]</c>: the engine's <see cref="NodeStatus"/> without Durango's
/// bookkeeping (which run wrote it), with Argo's <c>progress</c>, which is counted when the workflow is read.
/// </summary>
public sealed record NodeView
{
    /// <summary>The node's id, the key in <c>status.nodes</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The full node name: <c>wf[0].step1</c>, <c>wf.onExit</c>, <c>wf.hooks.running</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The short name shown in trees: <c>step1</c>, <c>[0]</c>, <c>step1(0:a)</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What kind of node this is.</summary>
    public required NodeType Type { get; init; }

    /// <summary>The template the node runs.</summary>
    public string? TemplateName { get; init; }

    /// <summary>The phase.</summary>
    public NodePhase Phase { get; init; } = NodePhase.Pending;

    /// <summary>The id of the steps or DAG node this node belongs to.</summary>
    [JsonPropertyName("boundaryID")]
    public string? BoundaryId { get; init; }

    /// <summary>Why the node is in its phase.</summary>
    public string? Message { get; init; }

    /// <summary>When the node started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the node was fulfilled.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Ids of the child nodes, in the order they were created.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];

    /// <summary>For steps and DAG nodes: the ids of the nodes a following node would depend on.</summary>
    public IReadOnlyList<string>? OutboundNodes { get; init; }

    /// <summary>The input parameters the node ran with.</summary>
    public NodeInputs? Inputs { get; init; }

    /// <summary>What the node produced.</summary>
    public NodeOutputs? Outputs { get; init; }

    /// <summary>Argo's node flags: a hook node, a retried attempt.</summary>
    public NodeFlag? NodeFlag { get; init; }

    /// <summary>A daemon that is running and ready (Argo's <c>daemoned</c>).</summary>
    public bool? Daemoned { get; init; }

    /// <summary>The address of a daemon's container.</summary>
    [JsonPropertyName("podIP")]
    public string? PodIp { get; init; }

    /// <summary>For a memoized template: whether the node came from the cache, and which key and cache.</summary>
    public MemoizationStatus? MemoizationStatus { get; init; }

    /// <summary>Argo's <c>N/M</c> progress of the node (<see cref="Engine.Semantics.WorkflowProgress"/>).</summary>
    public string? Progress { get; init; }

    /// <summary>The view of <paramref name="node"/>, with its <paramref name="progress"/> when counted.</summary>
    public static NodeView Of(NodeStatus node, string? progress) => new()
    {
        Id = node.Id,
        Name = node.Name,
        DisplayName = node.DisplayName,
        Type = node.Type,
        TemplateName = node.TemplateName,
        Phase = node.Phase,
        BoundaryId = node.BoundaryId,
        Message = node.Message,
        StartedAt = node.StartedAt,
        FinishedAt = node.FinishedAt,
        Children = node.Children,
        OutboundNodes = node.OutboundNodes,
        Inputs = node.Inputs,
        Outputs = node.Outputs,
        NodeFlag = node.NodeFlag,
        Daemoned = node.Daemoned,
        PodIp = node.PodIp,
        MemoizationStatus = node.MemoizationStatus,
        Progress = progress,
    };
}
