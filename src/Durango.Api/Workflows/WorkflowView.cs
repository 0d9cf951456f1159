using System.Text.Json.Nodes;
using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>A workflow as Argo shows it: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c> and <c>status</c>.</summary>
public sealed record WorkflowView(WorkflowMetadataView Metadata, JsonNode? Spec, WorkflowStatusView Status)
{
    /// <summary>Always <c>argoproj.io/v1alpha1</c>.</summary>
    public string ApiVersion { get; init; } = "argoproj.io/v1alpha1";

    /// <summary>Always <c>Workflow</c>.</summary>
    public string Kind { get; init; } = "Workflow";
}

/// <summary>A workflow's <c>metadata</c>.</summary>
public sealed record WorkflowMetadataView(
    string Name,
    string Namespace,
    string Uid,
    DateTimeOffset CreationTimestamp,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

/// <summary>A workflow's <c>status</c>: phase, times, progress, message, the node tree and global outputs.</summary>
public sealed record WorkflowStatusView
{
    /// <summary>Pending, Running, Succeeded, Failed or Error.</summary>
    public required WorkflowPhase Phase { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Argo's <c>succeeded/total</c> over leaf nodes.</summary>
    public required string Progress { get; init; }

    /// <summary>Why it is in its phase.</summary>
    public string? Message { get; init; }

    /// <summary>True while suspended by Argo's <c>suspend</c>.</summary>
    public bool Suspended { get; init; }

    /// <summary>Every node, by id.</summary>
    public required IReadOnlyDictionary<string, NodeStatus> Nodes { get; init; }

    /// <summary>Global output parameters (<c>globalName</c>).</summary>
    public WorkflowOutputsView? Outputs { get; init; }
}

/// <summary>A workflow's <c>status.outputs</c>.</summary>
public sealed record WorkflowOutputsView(IReadOnlyList<ParameterValue> Parameters);

/// <summary>A line of <c>durango list</c>: name, phase, times, progress, message.</summary>
public sealed record WorkflowListItem(
    string Name,
    WorkflowPhase Phase,
    DateTimeOffset CreationTimestamp,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Message,
    IReadOnlyDictionary<string, string> Labels);
