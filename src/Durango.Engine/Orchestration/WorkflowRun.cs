using Durango.Core.Resolution;
using Durango.Engine.Model;

namespace Durango.Engine.Orchestration;

/// <summary>The input of a <see cref="WorkflowOrchestrator"/>: the resolved workflow, and the document it came from.</summary>
/// <param name="Workflow">What to run.</param>
/// <param name="Source">The submitted YAML or JSON, to show the spec as written and to resubmit it.</param>
/// <param name="DocumentIndex">Which document of <paramref name="Source"/> the workflow is.</param>
/// <param name="Reuse">For Argo's retry: the succeeded leaf nodes of the previous run, by node name, not run again.</param>
/// <param name="Limits">Caps for this workflow; null for the host's <c>Durango:Limits</c>.</param>
/// <param name="Run">Which run of the workflow this is: 0, then one more for each Argo retry (<see cref="NodeStatus.Run"/>).</param>
public sealed record WorkflowRunInput(
    ResolvedWorkflow Workflow, string? Source = null, int DocumentIndex = 0, IReadOnlyDictionary<string, NodeStatus>? Reuse = null,
    Semantics.WorkflowLimits? Limits = null, int Run = 0);

/// <summary>How a workflow ended: Argo's <c>status.phase</c>, <c>message</c>, times and global outputs.</summary>
public sealed record WorkflowRunOutput(
    WorkflowPhase Phase,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyDictionary<string, string> Outputs);

/// <summary>The custom status of a running workflow: small on purpose (Durable caps it at 16 KB); nodes live in the node store.</summary>
public sealed record WorkflowSummary(
    WorkflowPhase Phase,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    bool Suspended);
