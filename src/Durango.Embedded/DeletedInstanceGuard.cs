using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace Durango.Embedded;

/// <summary>
/// Keeps the in-memory service working after an instance is deleted (purged) while work for it is still on its way:
/// the result of an activity that was running, the end of a sub-orchestration, a timer. For such a message the service
/// makes a new, history-less entry; DTFx's dispatcher discards the message ("Received work-item for an invalid
/// orchestration") and hands back a state without an instance, which the service cannot save. It throws, the work item
/// is abandoned and fetched again for ever, and each failure makes the dispatcher wait 1 s before every fetch
/// (WorkItemDispatcher's back-off): every workflow then crawls (issue 16). Here a message for a deleted instance is
/// dropped on its way in, a work item of discarded messages completes with nothing to save, and a work item that was
/// running when its instance was deleted neither brings the instance back nor fails.
/// </summary>
/// <remarks>The Azure Storage provider discards such messages itself, so it is not wrapped.</remarks>
/// <param name="inner">The service (or decorator) that does the work.</param>
/// <param name="store">The in-memory service itself, asked whether an instance still exists.</param>
/// <param name="logger">Where dropped messages are logged.</param>
internal sealed class DeletedInstanceGuard(IOrchestrationService inner, InMemoryOrchestrationService store, ILogger logger) : OrchestrationServiceDecorator(inner)
{
    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        if (await IsDeletedAsync(responseMessage.OrchestrationInstance.InstanceId).ConfigureAwait(false))
        {
            Logs.DroppedForDeletedInstance(logger, responseMessage.OrchestrationInstance.InstanceId, 1);
            return;
        }

        await base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        // No start event: the dispatcher discarded messages for an instance without history. Deleted meanwhile: saving
        // would bring it back. Either way there is nothing to keep and nothing to send.
        if (newOrchestrationRuntimeState.ExecutionStartedEvent is null || await IsDeletedAsync(workItem.InstanceId).ConfigureAwait(false))
        {
            Logs.DroppedForDeletedInstance(logger, workItem.InstanceId, workItem.NewMessages?.Count ?? 0);
            return;
        }

        var started = orchestratorMessages.Where(m => m.Event is ExecutionStartedEvent).Select(m => m.OrchestrationInstance.InstanceId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = new List<TaskMessage>(orchestratorMessages.Count);
        foreach (var message in orchestratorMessages)
        {
            var target = message.OrchestrationInstance.InstanceId;
            if (message.Event is ExecutionStartedEvent || started.Contains(target) || !await IsDeletedAsync(target).ConfigureAwait(false))
            {
                kept.Add(message);
            }
            else
            {
                Logs.DroppedForDeletedInstance(logger, target, 1);
            }
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, kept, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await base.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The service throws when the instance is gone: deleted while this work item ran, nothing left to unlock.
            if (!await IsDeletedAsync(workItem.InstanceId).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>An instance without a status record: deleted, or addressed by a message from nowhere (never started).</summary>
    private async Task<bool> IsDeletedAsync(string instanceId) =>
        await store.GetOrchestrationStateAsync(instanceId, executionId: null).ConfigureAwait(false) is null;
}
