using System.Text.Json.Nodes;
using Durango.Engine.Model;

namespace Durango.Api.Workflows;

/// <summary>A workflow as argo-server answers it: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c> and <c>status</c>.</summary>
public sealed record WorkflowView(WorkflowMetadataView Metadata, JsonNode? Spec, WorkflowStatusView Status)
{
    /// <summary>True while suspended by Argo's <c>suspend</c>: argo-server shows it as <c>spec.suspend: true</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Suspended => Spec?["suspend"] is JsonValue value && value.TryGetValue<bool>(out var suspended) && suspended;

    /// <summary>Always <c>argoproj.io/v1alpha1</c>.</summary>
    public string ApiVersion { get; init; } = "argoproj.io/v1alpha1";

    /// <summary>Always <c>Workflow</c>.</summary>
    public string Kind { get; init; } = "Workflow";
}

/// <summary>A workflow's <c>metadata</c>; <c>labels</c> include Argo's phase and completed labels.</summary>
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

    /// <summary>Argo's <c>N/M</c> over the nodes that do work (<see cref="Engine.Semantics.WorkflowProgress"/>); absent in lists, which do not read node trees.</summary>
    public string? Progress { get; init; }

    /// <summary>Why it is in its phase.</summary>
    public string? Message { get; init; }

    /// <summary>Every node, by id; empty in lists, which do not read node trees.</summary>
    public IReadOnlyDictionary<string, NodeView> Nodes { get; init; } = new Dictionary<string, NodeView>();

    /// <summary>Global output parameters and artifacts (<c>globalName</c>).</summary>
    public WorkflowOutputsView? Outputs { get; init; }

    /// <summary>The mutexes and semaphores it holds and waits for while it runs (read from the locks themselves).</summary>
    public Engine.Locks.SynchronizationStatus? Synchronization { get; init; }
}

/// <summary>A workflow's <c>status.outputs</c>: global parameters, and global artifacts (null when none).</summary>
public sealed record WorkflowOutputsView(IReadOnlyList<ParameterValue> Parameters, IReadOnlyList<Core.Spec.Artifact>? Artifacts = null);

/// <summary>argo-server's WorkflowList: a page of workflows and the token of the next one.</summary>
public sealed record WorkflowList(ListMetadata Metadata, IReadOnlyList<WorkflowView>? Items)
{
    /// <summary>Always <c>argoproj.io/v1alpha1</c>.</summary>
    public string ApiVersion { get; init; } = "argoproj.io/v1alpha1";

    /// <summary>Always <c>WorkflowList</c>.</summary>
    public string Kind { get; init; } = "WorkflowList";
}

/// <summary>Kubernetes' ListMeta: <c>continue</c> is the token of the next page, absent on the last.</summary>
public sealed record ListMetadata(string? Continue = null, long? RemainingItemCount = null);
