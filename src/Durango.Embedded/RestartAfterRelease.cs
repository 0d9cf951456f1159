using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Durango.Embedded;

/// <summary>
/// Lets an instance of the in-memory service start again (a new <c>ExecutionStarted</c> under an id that has ended)
/// only once no dispatcher holds it. The service tells a waiting client that an instance ended before the dispatcher
/// lets go of it, and a work item of messages that came late to an ended instance holds it again. A start that
/// arrives meanwhile makes the service hand the instance to a second dispatcher while the first still holds it; the
/// first then saves its old execution over the new one, which shows the old end while its children run on. Argo's
/// retry starts a workflow again under its name, and the retried steps their child orchestrations: the
/// <c>TestWorkflowRetry</c> port saw exactly that (README, "The embedded backend"). Here the client's start
/// (<see cref="WhenReleasedAsync"/>) and a sub-orchestration's start wait until the instance is let go.
/// <para>
/// A message can also come late for the ended execution while a dispatcher still holds it (a terminated child's end,
/// sent as the parent's terminate is saved) and wait, untaken, when the start arrives. The service clears the history
/// for the start but keeps that message ahead of it, and DTFx drops a batch that reaches an instance without history
/// and does not open with its start, the start with the rest: the workflow stayed Pending for ever (once in 40 rounds
/// of <c>RetryAfterTerminateTests</c>, stop 18). A work item that starts an instance therefore opens with its start
/// (<see cref="StartFirst"/>); what came before the start came for the ended execution and is dropped, as the service
/// drops any message that reaches an ended instance.
/// </para>
/// </summary>
/// <remarks>The Azure Storage provider keeps one owner per instance itself, so it is not wrapped.</remarks>
internal sealed class RestartAfterRelease(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new(StringComparer.OrdinalIgnoreCase);

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is not null)
        {
            StartFirst(workItem);

            // A waiter on an entry replaced here wakes and looks again, so none waits on an entry no release completes.
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.AddOrUpdate(workItem.InstanceId, held, (_, earlier) =>
            {
                earlier.TrySetResult();
                return held;
            });
        }

        return workItem!;
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await base.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
        }
        finally
        {
            if (_held.TryRemove(workItem.InstanceId, out var released))
            {
                released.TrySetResult();
            }
        }
    }

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        foreach (var start in orchestratorMessages.Where(m => m.Event is ExecutionStartedEvent
            && !string.Equals(m.OrchestrationInstance.InstanceId, workItem.InstanceId, StringComparison.OrdinalIgnoreCase)))
        {
            await WhenReleasedAsync(start.OrchestrationInstance.InstanceId).ConfigureAwait(false);
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the messages ahead of the start in a work item that starts its instance afresh (no history yet): they
    /// reached the instance before the start did, so for the execution that ended.
    /// </summary>
    private static void StartFirst(TaskOrchestrationWorkItem workItem)
    {
        var messages = workItem.NewMessages;
        if (workItem.OrchestrationRuntimeState.Events.Count > 0 || messages.Count < 2)
        {
            return;
        }

        var start = 0;
        while (start < messages.Count && messages[start].Event is not ExecutionStartedEvent)
        {
            start++;
        }

        if (start > 0 && start < messages.Count)
        {
            workItem.NewMessages = [.. messages.Skip(start)];
        }
    }

    /// <summary>Completes once no dispatcher holds <paramref name="instanceId"/>.</summary>
    public async Task WhenReleasedAsync(string instanceId)
    {
        while (_held.TryGetValue(instanceId, out var held))
        {
            await held.Task.ConfigureAwait(false);
        }
    }
}
