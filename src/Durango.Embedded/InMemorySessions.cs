using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;

namespace Durango.Embedded;

/// <summary>
/// Extended sessions for the in-memory service: an orchestration that is waiting keeps its instance, and its next
/// messages run on the same executor (DTFx's <see cref="IOrchestrationSession"/>) instead of a fresh one that replays
/// the whole history. The Azure Storage provider has them built in (<see cref="EmbeddedBackendOptions.ExtendedSessions"/>);
/// the in-memory service has none, and a loop batch or a DAG replayed every iteration it had run at each turn
/// (issue 12, measured in the README, "Benchmarks").
/// <para>
/// Every message on its way to an instance passes here: activity results, messages between orchestrations, timers
/// (held here until due) and the client's events (<see cref="SendAsync"/>). One for an instance in a session goes to
/// the session; any other goes to the service, and is remembered until a work item takes it. A work item gets a session
/// only when nothing remembered for its instance is left behind in the service, because the service hands such a
/// message out only after the instance is let go: a session would wait beside it. What a session holds when it ends
/// goes to the service before the instance is let go, which hands it out again at once.
/// </para>
/// </summary>
/// <param name="inner">The service (or decorator) below.</param>
/// <param name="memory">The in-memory service itself, where a message is sent.</param>
/// <param name="idleTimeout">How long a session waits for a message before it lets the instance go.</param>
internal sealed class InMemorySessions(IOrchestrationService inner, InMemoryOrchestrationService memory, TimeSpan idleTimeout)
    : OrchestrationServiceDecorator(inner)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Session> _live = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<TaskMessage>> _inService = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends a client's message (an event, a terminate) to its instance: to its session if it has one.</summary>
    public Task SendAsync(TaskMessage message) => ToSession(message) ? Task.CompletedTask : memory.SendTaskOrchestrationMessageAsync(message);

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            return workItem!;
        }

        lock (_gate)
        {
            if (LeftInService(workItem) == 0 && !_live.ContainsKey(workItem.InstanceId))
            {
                var session = new Session(this, workItem.InstanceId, idleTimeout);
                _live.Add(workItem.InstanceId, session);
                workItem.Session = session;
            }
        }

        return workItem;
    }

    public override Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        ToSession(responseMessage) ? Task.CompletedTask : base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        var toService = orchestratorMessages.Where(message => !ToSession(message)).ToList();
        if (continuedAsNewMessage is not null)
        {
            lock (_gate)
            {
                Remember(continuedAsNewMessage);
            }
        }

        await base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, toService, [], continuedAsNewMessage!, orchestrationState).ConfigureAwait(false);
        foreach (var timer in timerMessages)
        {
            _ = WhenDueAsync(timer);
        }

        if (orchestrationState?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated)
        {
            lock (_gate)
            {
                _inService.Remove(workItem.InstanceId);
            }
        }
    }

    public override async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await EndAsync(workItem.Session).ConfigureAwait(false);
        await base.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await EndAsync(workItem.Session).ConfigureAwait(false);
        await base.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends every session, so that none holds a dispatcher until its idle timeout while the worker stops.
    /// </summary>
    public override async Task StopAsync(bool isForced)
    {
        Session[] live;
        lock (_gate)
        {
            live = [.. _live.Values];
        }

        foreach (var session in live)
        {
            await EndAsync(session).ConfigureAwait(false);
        }

        await base.StopAsync(isForced).ConfigureAwait(false);
    }

    public override Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Puts <paramref name="message"/> in its instance's session; false when it has none, and the caller sends it to
    /// the service (remembered here until a work item takes it).
    /// </summary>
    private bool ToSession(TaskMessage message)
    {
        lock (_gate)
        {
            if (_live.TryGetValue(message.OrchestrationInstance.InstanceId, out var session) && session.TryAdd(message))
            {
                return true;
            }

            Remember(message);
            return false;
        }
    }

    private void Remember(TaskMessage message)
    {
        var instanceId = message.OrchestrationInstance.InstanceId;
        if (!_inService.TryGetValue(instanceId, out var sent))
        {
            _inService[instanceId] = sent = [];
        }

        sent.Add(message);
    }

    /// <summary>
    /// Forgets what <paramref name="workItem"/> took from the service, and what was sent before the last of it (the
    /// service dropped those: it keeps an instance's messages in order and hands all of them out at once); returns how
    /// many remembered messages are still in the service.
    /// </summary>
    private int LeftInService(TaskOrchestrationWorkItem workItem)
    {
        if (!_inService.TryGetValue(workItem.InstanceId, out var sent))
        {
            return 0;
        }

        var taken = new HashSet<TaskMessage>(workItem.NewMessages ?? [], ReferenceEqualityComparer.Instance);
        sent.RemoveRange(0, sent.FindLastIndex(taken.Contains) + 1);
        if (sent.Count == 0)
        {
            _inService.Remove(workItem.InstanceId);
        }

        return sent.Count;
    }

    /// <summary>A timer's message, sent when it is due (the service would hold it itself, out of a session's sight).</summary>
    private async Task WhenDueAsync(TaskMessage timer)
    {
        if (timer.Event is TimerFiredEvent { FireAt: var due } && due - DateTime.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait).ConfigureAwait(false);
        }

        await SendAsync(timer).ConfigureAwait(false);
    }

    /// <summary>Ends <paramref name="session"/> (once) and sends what it still held to the service.</summary>
    private async Task EndAsync(IOrchestrationSession? session)
    {
        if (session is not Session ours)
        {
            return;
        }

        List<TaskMessage> left;
        lock (_gate)
        {
            if (_live.TryGetValue(ours.InstanceId, out var current) && current == ours)
            {
                _live.Remove(ours.InstanceId);
            }

            left = ours.Close();
            left.ForEach(Remember);
        }

        if (left.Count > 0)
        {
            await memory.SendTaskOrchestrationMessageBatchAsync([.. left]).ConfigureAwait(false);
        }
    }

    /// <summary>One instance's session: the messages that came for it since the dispatcher last fetched.</summary>
    private sealed class Session(InMemorySessions owner, string instanceId, TimeSpan idleTimeout) : IOrchestrationSession
    {
        private readonly List<TaskMessage> _messages = [];
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _closed;

        public string InstanceId => instanceId;

        /// <summary>Adds a message; false once the session has ended. Called under the owner's lock.</summary>
        public bool TryAdd(TaskMessage message)
        {
            lock (_messages)
            {
                if (_closed)
                {
                    return false;
                }

                _messages.Add(message);
                _arrived.TrySetResult();
            }

            return true;
        }

        /// <summary>Ends the session and returns what it held. Called under the owner's lock.</summary>
        public List<TaskMessage> Close()
        {
            lock (_messages)
            {
                _closed = true;
                var left = _messages.ToList();
                _messages.Clear();
                _arrived.TrySetResult();
                return left;
            }
        }

        public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
        {
            Task arrived;
            lock (_messages)
            {
                if (TakeAll() is { } batch)
                {
                    return batch;
                }

                arrived = (_arrived = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await arrived.WaitAsync(idleTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            lock (_messages)
            {
                return TakeAll();
            }
        }

        /// <summary>What came since the last fetch; null when nothing came or the session has ended.</summary>
        private List<TaskMessage>? TakeAll()
        {
            if (_messages.Count == 0 || _closed)
            {
                return null;
            }

            var batch = _messages.ToList();
            _messages.Clear();
            return batch;
        }

        public Task EndSessionAsync() => owner.EndAsync(this);
    }
}
