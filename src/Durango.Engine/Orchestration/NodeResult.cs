using System.Text.Json.Serialization;
using Durango.Engine.Model;

namespace Durango.Engine.Orchestration;

/// <summary>
/// What running a node gives its parent: the node's phase and outputs, the failures of its subtree (for
/// <c>workflow.failures</c>), the global outputs it published, the loop iterations it ran, and node records not
/// yet written, which the parent carries on.
/// </summary>
public sealed record NodeResult
{
    /// <summary>The node's id.</summary>
    public required string NodeId { get; init; }

    /// <summary>The node's phase.</summary>
    public required NodePhase Phase { get; init; }

    /// <summary>True for a daemon handed back ready while it runs on (Argo's <c>daemoned</c>; <c>A.Daemoned</c> in <c>depends</c>).</summary>
    public bool Daemoned { get; init; }

    /// <summary>Why the node is in its phase.</summary>
    public string? Message { get; init; }

    /// <summary>What the node produced.</summary>
    public NodeOutputs? Outputs { get; init; }

    /// <summary>The node's address, where its runtime gave one (a ready daemon's container: <c>steps.X.ip</c>).</summary>
    public string? PodIp { get; init; }

    /// <summary>When the node started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the node finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Every Failed or Error node of the subtree, the node itself included.</summary>
    public IReadOnlyList<FailedNode> Failures { get; init; } = [];

    /// <summary><c>workflow.outputs.parameters.*</c> values published in the subtree.</summary>
    public IReadOnlyDictionary<string, string> GlobalOutputs { get; init; } = new Dictionary<string, string>();

    /// <summary>For a loop: its iterations, in item order.</summary>
    public IReadOnlyList<NodeResult>? Iterations { get; init; }

    /// <summary>
    /// Upstream's <c>getOutboundNodes</c> for this node: what the node that follows it hangs from (see
    /// <see cref="Semantics.OutboundNodes"/>). Every result <see cref="NodeRecords"/> makes has it; absent only on the
    /// results a parent makes for its scope.
    /// </summary>
    public Semantics.NodeOutbound? Outbound { get; init; }

    /// <summary>Node records the parent must still write.</summary>
    public IReadOnlyList<NodeStatus> Pending { get; init; } = [];

    /// <summary>
    /// Set only by a long steps template that has run its share of groups in this execution (the node is still
    /// Running): its orchestration continues as new from here instead of returning. It never leaves that
    /// orchestration, so it is not serialized.
    /// </summary>
    [JsonIgnore]
    public StepsProgress? ContinueFrom { get; init; }

    /// <summary>The same for a long DAG, set at a moment when none of its tasks runs (<see cref="DagProgress"/>).</summary>
    [JsonIgnore]
    public DagProgress? ContinueDag { get; init; }

    /// <summary>The variables this node adds to its siblings' scope.</summary>
    public Semantics.FinishedNode Finished => new(NodeId, Phase, Outputs, StartedAt, FinishedAt, PodIp);
}
