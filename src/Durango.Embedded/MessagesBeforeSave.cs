using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace Durango.Embedded;

/// <summary>
/// Hands the in-memory service a work item's messages for other instances just before it saves the work item, not
/// with it. The service saves an instance under that instance's lock and, still holding it, takes the lock of each
/// instance it sends a message to. Two instances that message each other as they both save (a parent passing a stop
/// to its child as the child ends; a lock orchestration granting a holder as the holder releases) then each hold one
/// lock and wait for the other's for ever, and both hang with every instance that sends them anything (found in a
/// stack dump of a hung <c>TestWorkflowRetry</c> port). Sent first, they are out by the time a client hears that the
/// instance ended, as before; an answer to one of them waits until the instance is let go (the service does not hand
/// an instance to a dispatcher while one holds it), so it finds the saved history. Messages to the saving instance
/// itself (its timers, its continue-as-new, events to itself) stay with the save.
/// </summary>
internal sealed class MessagesBeforeSave(InMemoryOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        var own = new List<TaskMessage>();
        var others = new List<TaskMessage>();
        foreach (var message in orchestratorMessages)
        {
            (string.Equals(message.OrchestrationInstance.InstanceId, workItem.InstanceId, StringComparison.OrdinalIgnoreCase) ? own : others).Add(message);
        }

        if (others.Count > 0)
        {
            await inner.SendTaskOrchestrationMessageBatchAsync([.. others]).ConfigureAwait(false);
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, own, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }
}
