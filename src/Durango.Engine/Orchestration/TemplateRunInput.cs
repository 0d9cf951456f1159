using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>The input of a <see cref="TemplateOrchestrator"/>: one node of a workflow, run as its own orchestration.</summary>
/// <param name="Workflow">The resolved workflow, by reference (<see cref="WorkflowSpecs"/>): inputs stay small.</param>
/// <param name="RootInstanceId">The instance id of the workflow's root orchestration.</param>
/// <param name="Call">The node to run.</param>
/// <param name="Arguments">Argument values from the caller, already substituted.</param>
/// <param name="Globals">The <c>workflow.*</c> variables as the caller sees them.</param>
/// <param name="Pending">Node records to write, carried from the caller.</param>
/// <param name="Stoppable">False for exit handlers and everything under them: Argo's stop lets them finish.</param>
/// <param name="Deadline">When the workflow's or an enclosing template's deadline passes, if any.</param>
/// <param name="Progress">For a steps template that continued as new: where it left off.</param>
/// <param name="Reuse">For Argo's retry: succeeded leaf nodes of the previous run, by name.</param>
/// <param name="Limits">The root's <see cref="WorkflowLimits"/>, the same for the whole tree.</param>
/// <param name="Depth">How deeply this node's template is nested (the entrypoint is 1).</param>
/// <param name="StartedAt">When the workflow started running (<see cref="OrchestrationRun.WorkflowStartedAt"/>).</param>
/// <param name="DagProgress">For a DAG template that continued as new: where it left off.</param>
public sealed record TemplateRunInput(
    WorkflowRef Workflow,
    string RootInstanceId,
    NodeCall Call,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyDictionary<string, string> Globals,
    IReadOnlyList<NodeStatus> Pending,
    bool Stoppable = true,
    DateTimeOffset? Deadline = null,
    StepsProgress? Progress = null,
    IReadOnlyDictionary<string, NodeStatus>? Reuse = null,
    WorkflowLimits? Limits = null,
    int Depth = 1,
    DateTimeOffset? StartedAt = null,
    DagProgress? DagProgress = null);
