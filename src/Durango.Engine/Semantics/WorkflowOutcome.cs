using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// How a workflow ends, as Argo's <c>operate</c> decides: the entry node's phase, unless the entry succeeded and the
/// exit handler did not, in which case the handler's failure (Failed) or error (Error) wins. A workflow that was
/// stopped (by Argo's <c>stop</c> or a deadline) and failed says why in its message.
/// </summary>
public static class WorkflowOutcome
{
    /// <summary>The final phase and message.</summary>
    public static (WorkflowPhase Phase, string? Message) Decide(
        NodePhase entry, string? entryMessage, NodePhase? exitHandler, string? exitMessage, string? stopMessage)
    {
        var phase = WorkflowPhases.FromEntryNode(entry);
        var message = entry.FailedOrError() && stopMessage is not null ? stopMessage : entryMessage;
        if (phase == WorkflowPhase.Succeeded && exitHandler is { } exit && exit.FailedOrError())
        {
            return (exit == NodePhase.Failed ? WorkflowPhase.Failed : WorkflowPhase.Error, exitMessage);
        }

        return (phase, phase == WorkflowPhase.Succeeded ? null : message);
    }
}
