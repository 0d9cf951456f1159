using System.Text.Json.Serialization;

namespace Durango.Engine.Model;

/// <summary>
/// The fields of a node in Argo's <c>status.nodes[id]</c>, under Argo's names: what the engine records
/// (<see cref="NodeStatus"/>) and what the API shows of it have in common.
/// </summary>
public abstract record ArgoNode
{
    /// <summary>The node's id (<see cref="NodeIds.NodeId"/>), the key in <c>status.nodes</c>.</summary>
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

    /// <summary>Why the node is in its phase (an exit code, a skipped condition, an error).</summary>
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

    /// <summary>A daemon that is running and ready (Argo's <c>daemoned</c>); cleared when it ends.</summary>
    public bool? Daemoned { get; init; }

    /// <summary>The address of a daemon's container (<c>{{steps.X.ip}}</c>).</summary>
    [JsonPropertyName("podIP")]
    public string? PodIp { get; init; }

    /// <summary>For a memoized template: whether the node came from the cache, and which key and cache.</summary>
    public MemoizationStatus? MemoizationStatus { get; init; }
}

/// <summary>
/// One node of a workflow's status tree as the engine records it. Immutable: a change is a new record, and records of
/// one node merge with <see cref="NodeStatusMerge"/>.
/// </summary>
public sealed record NodeStatus : ArgoNode
{
    /// <summary>
    /// Which run of the workflow wrote the record: 0, then one more for each Argo retry, which runs the workflow again
    /// under the same node ids (<see cref="NodeStatusMerge"/>). Durango's own bookkeeping: the API's node view has no such field.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonPropertyOrder(1)]
    public int Run { get; init; }
}

/// <summary>Argo's <c>memoizationStatus</c> of a node.</summary>
/// <param name="Hit">The node's outputs came from the cache; it did not run.</param>
/// <param name="Key">The cache key, substituted.</param>
/// <param name="CacheName">The cache (Argo's ConfigMap name).</param>
public sealed record MemoizationStatus(bool Hit, string Key, string CacheName);

/// <summary>Argo's <c>nodeFlag</c>.</summary>
/// <param name="Hooked">The node runs a lifecycle hook or an exit handler.</param>
/// <param name="Retried">The node is an attempt under a retry node.</param>
public sealed record NodeFlag(bool Hooked = false, bool Retried = false);

/// <summary>A name and a value, as Argo lists parameters in a node's inputs and outputs.</summary>
public sealed record ParameterValue(string Name, string? Value)
{
    /// <summary>
    /// On a waiting suspend node, an output still to be supplied (Argo's <c>valueFrom: {supplied: {}}</c>, with the
    /// default a resume gives it); null once <c>set</c> gave it a value, and on every other node.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SuppliedValue? ValueFrom { get; init; }
}

/// <summary>Argo's <c>valueFrom</c> of an output a suspend node waits for: <c>supplied: {}</c> and the default, if any.</summary>
/// <param name="Default">What a resume gives the output when nothing set it; null when it has no default.</param>
public sealed record SuppliedValue([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Default)
{
    /// <summary>Argo's empty <c>supplied</c> object.</summary>
    public SuppliedMark Supplied { get; init; } = new();
}

/// <summary>Argo's <c>supplied: {}</c>: it has no fields.</summary>
public sealed record SuppliedMark;

/// <summary>The inputs a node ran with.</summary>
public sealed record NodeInputs(IReadOnlyList<ParameterValue> Parameters)
{
    /// <summary>Input artifacts with their locations resolved (Argo's <c>inputs.artifacts</c>); null when none.</summary>
    public IReadOnlyList<Core.Spec.Artifact>? Artifacts { get; init; }
}

/// <summary>What a node produced: output parameters, <c>result</c> (stdout or body) and exit code.</summary>
public sealed record NodeOutputs
{
    /// <summary>No outputs.</summary>
    public static readonly NodeOutputs None = new();

    /// <summary>Output parameters, in declaration order.</summary>
    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];

    /// <summary><c>outputs.result</c>: stdout of a container or script, the body of an HTTP response.</summary>
    public string? Result { get; init; }

    /// <summary>Output artifacts with where they were stored (Argo's <c>outputs.artifacts</c>); null when none.</summary>
    public IReadOnlyList<Core.Spec.Artifact>? Artifacts { get; init; }

    /// <summary>The exit code of a container or script, as text (Argo's type).</summary>
    public string? ExitCode { get; init; }

    /// <summary>The value of output parameter <paramref name="name"/>, or null.</summary>
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name)?.Value;
}
