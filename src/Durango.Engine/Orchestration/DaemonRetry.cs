using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A daemon with a <c>retryStrategy</c> once its steps or DAG have it as done: its Retry node stays Running and
/// <c>daemoned</c>, watches the live attempt, and when that attempt dies (it exits, even with 0) records it as any leaf
/// and starts the next one by the same <see cref="RetryRules"/> (upstream's <c>processNodeRetries</c> with a daemoned
/// last child). What already ran on from the hand-over keeps the values it had. The end of the steps or DAG node kills
/// it (<see cref="DaemonExecution.KillAllAsync"/>): the Retry node and its live attempt, or the attempt being started,
/// Succeed (upstream's <c>killDaemonedChildren</c> kills both, each daemoned with the same boundary), the earlier attempts
/// stay Failed. Retries that run out end the Retry node with their phase and message, as before the hand-over; the
/// steps or DAG already counted it as done, as upstream's DAG phase comes from its target tasks.
/// </summary>
internal sealed class DaemonRetry : RunningDaemon
{
    private readonly OrchestrationRun _run;
    private readonly RetryExecution _retry;
    private readonly NodeStatus _retryNode;
    private readonly TaskCompletionSource _killed = new();
    private NodeStatus? _attempt;
    private bool _ended;
    private Task _watch = Task.CompletedTask;

    private DaemonRetry(OrchestrationRun run, RetryExecution retry, NodeStatus retryNode)
    {
        _run = run;
        _retry = retry;
        _retryNode = retryNode;
    }

    /// <summary>
    /// Hands the daemoned attempt number <paramref name="attempt"/> (<paramref name="daemoned"/>) over to the steps or DAG:
    /// the Retry node's result for them (done, <c>daemoned</c>), while the Retry node, recorded Running and daemoned,
    /// watches on. Null when the attempt was killed already (a daemon with nothing around it ends at once).
    /// </summary>
    public static NodeResult? HandOver(
        OrchestrationRun run, RetryExecution retry, NodeStatus retryNode, int attempt, NodeResult daemoned, IEnumerable<FailedNode> failures)
    {
        if (DaemonExecution.Adopt(run, daemoned.NodeId) is not { } live)
        {
            return null;
        }

        var node = retryNode with { Daemoned = true };
        run.Journal.Record(node);
        var daemon = new DaemonRetry(run, retry, node);
        run.Daemons.Add(daemon);
        daemon._watch = daemon.WatchAsync(attempt, live);
        // What follows hangs from the ready attempt, as from any Retry node's last attempt (getOutboundNodes).
        var attemptName = retry.AttemptCall(attempt).Name;
        return NodeRecords.Result(run, node with { Phase = DaemonRules.DaemonedForSiblings }, failures) with
        {
            Daemoned = true,
            PodIp = daemoned.PodIp,
            Outbound = OutboundNodes.OfRetry(attemptName, daemoned.Outbound ?? OutboundNodes.Self(attemptName)),
        };
    }

    /// <inheritdoc/>
    public override IReadOnlyList<NodeStatus> Kill()
    {
        if (_ended || _killed.Task.IsCompleted)
        {
            return [];
        }

        _killed.SetResult();
        return _attempt is { } attempt ? [_retryNode, attempt] : [_retryNode];
    }

    /// <summary>
    /// Stops watching, as its steps continue as new (a watch cannot cross that): the Retry node to record as ended, as
    /// at a kill; its live attempt runs on as any daemon then, until it sees its steps node end.
    /// </summary>
    public IReadOnlyList<NodeStatus> LetGo() => Kill() is [var retryNode, ..] ? [retryNode] : [];

    /// <inheritdoc/>
    public override Task Gone => _watch;

    private bool Killed => _killed.Task.IsCompleted;

    /// <summary>Watches the live attempt and, each time it dies unkilled, retries until one is ready again or none is left.</summary>
    private async Task WatchAsync(int attempt, LeafDaemon live)
    {
        while (true)
        {
            _attempt = live.Node;
            var result = await DaemonExecution.EndedAsync(_run, live);
            while (!Killed)
            {
                _attempt = null;
                if (await _retry.AfterAsync(attempt, result, _killed.Task) is not null)
                {
                    // No retry left: the Retry node ended with the last attempt's outcome, written at once.
                    _ended = true;
                    _run.Daemons.Remove(this);
                    _run.Flush();
                    return;
                }

                if (Killed)
                {
                    return;
                }

                attempt++;
                // Killed while it starts, the attempt ends with the Retry node: its record is known before it is made.
                _attempt = NodeRecords.Start(_run, _retry.AttemptCall(attempt), _retry.AttemptType, _retry.Template);
                result = await _retry.AttemptAsync(attempt);
                if (result.Daemoned && DaemonExecution.Adopt(_run, result.NodeId) is { } next)
                {
                    if (Killed)
                    {
                        // It became ready as the kill was written: the kill reaches it through its record.
                        await next.Gone;
                        return;
                    }

                    live = next;
                    break;
                }
            }

            if (Killed)
            {
                return;
            }
        }
    }
}
