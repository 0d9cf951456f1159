using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Activities;

/// <summary>The input of <see cref="RunLeafActivity"/>: a leaf template with every tag substituted.</summary>
/// <param name="WorkflowName">The workflow (and store key).</param>
/// <param name="WorkflowUid">The workflow's uid.</param>
/// <param name="Node">The node's Running record; the activity writes its final record from it.</param>
/// <param name="PodName">Argo's pod name for the node: names container groups and working directories.</param>
/// <param name="Template">The substituted template.</param>
/// <param name="Timeout">How long the node may run (<c>activeDeadlineSeconds</c>, <c>timeout</c>).</param>
/// <param name="Pending">Node records to write before running, carried from the orchestration.</param>
/// <param name="Stoppable">False under an exit handler: Argo's stop lets it finish.</param>
/// <param name="Deadline">When an enclosing deadline passes: the leaf stops itself then (<c>Step exceeded its deadline</c>).</param>
/// <param name="MaxNodes">The workflow's node cap (<c>Durango:Limits:MaxNodes</c>): over it, the leaf does not run and the workflow fails.</param>
/// <param name="Tokens">
/// False when <see cref="Template"/> cannot hold an output token (<see cref="Semantics.OutputReferences.MayReach"/>), so
/// the activity does not look for one. True when missing: an input sent before the flag existed is searched as it was.
/// </param>
public sealed record LeafRunInput(
    string WorkflowName,
    string WorkflowUid,
    NodeStatus Node,
    string PodName,
    Template Template,
    TimeSpan? Timeout,
    IReadOnlyList<NodeStatus> Pending,
    bool Stoppable = true,
    DateTimeOffset? Deadline = null,
    int? MaxNodes = null,
    bool Tokens = true);

/// <summary>How a leaf ended.</summary>
/// <param name="Phase">Succeeded, Failed or Error.</param>
/// <param name="Message">Why, when not Succeeded (<c>Error (exit code 1)</c>).</param>
/// <param name="Outputs">Result, exit code and output parameters.</param>
/// <param name="StartedAt">When the work started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Recorded">True when the activity wrote the final node record itself.</param>
/// <param name="Abort">Set when the workflow broke a limit (<see cref="Semantics.WorkflowLimits"/>): it must fail with this message.</param>
public sealed record LeafRunResult(
    NodePhase Phase, string? Message, NodeOutputs Outputs, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Recorded, string? Abort = null);

/// <summary>The input of <see cref="RecordNodesActivity"/>.</summary>
/// <param name="WorkflowName">The workflow (and store key).</param>
/// <param name="Nodes">The records to write.</param>
public sealed record RecordNodesInput(string WorkflowName, IReadOnlyList<NodeStatus> Nodes);
