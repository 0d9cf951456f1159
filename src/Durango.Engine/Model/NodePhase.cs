using System.Text.Json.Serialization;

namespace Durango.Engine.Model;

/// <summary>The phase of a node, as Argo names it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodePhase>))]
public enum NodePhase
{
    /// <summary>Created, not started.</summary>
    Pending,

    /// <summary>Started, not finished.</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Succeeded,

    /// <summary>Not run because its <c>when</c> was false.</summary>
    Skipped,

    /// <summary>Finished unsuccessfully (a non-zero exit, a failed condition).</summary>
    Failed,

    /// <summary>Could not run (bad input, an infrastructure problem).</summary>
    Error,

    /// <summary>Not run because its <c>depends</c> was false.</summary>
    Omitted,
}

/// <summary>Argo's predicates over node phases.</summary>
public static class NodePhases
{
    /// <summary>Succeeded, Failed or Error: the node ran to an end.</summary>
    public static bool Completed(this NodePhase phase) => phase is NodePhase.Succeeded or NodePhase.Failed or NodePhase.Error;

    /// <summary>Completed, Skipped or Omitted: nothing more will happen to the node.</summary>
    public static bool Fulfilled(this NodePhase phase) => phase.Completed() || phase is NodePhase.Skipped or NodePhase.Omitted;

    /// <summary>Failed or Error.</summary>
    public static bool FailedOrError(this NodePhase phase) => phase is NodePhase.Failed or NodePhase.Error;

    /// <summary>
    /// Where the phase stands in a node's life: Pending, then Running, then fulfilled. Updates of one node merge
    /// by rank, so that they may arrive in any order.
    /// </summary>
    public static int Rank(this NodePhase phase) => phase switch
    {
        NodePhase.Pending => 0,
        NodePhase.Running => 1,
        _ => 2,
    };
}
