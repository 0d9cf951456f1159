using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>A finished child of a step group: its node id, phase and the step it ran.</summary>
public sealed record StepOutcome(string NodeId, NodePhase Phase, WorkflowStep Step);

/// <summary>
/// Argo's step group rule: the group fails (Failed, whatever the child's phase) with <c>child 'id' failed</c> at
/// the first child that failed or errored and does not continue on it; otherwise it succeeds.
/// </summary>
public static class StepGroupPhase
{
    /// <summary>The group's phase and message.</summary>
    public static (NodePhase Phase, string? Message) Assess(IEnumerable<StepOutcome> children)
    {
        foreach (var child in children)
        {
            if (child.Phase.FailedOrError() && !DagPhase.ContinuesOn(child.Step.ContinueOn, child.Phase))
            {
                return (NodePhase.Failed, $"child '{child.NodeId}' failed");
            }
        }

        return (NodePhase.Succeeded, null);
    }
}
