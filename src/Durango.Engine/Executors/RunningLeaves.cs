using System.Collections.Concurrent;
using Durango.Engine.Model;

namespace Durango.Engine.Executors;

/// <summary>
/// The leaf nodes running in this process, so that Argo's stop and terminate can cancel them: an orchestration
/// cannot cancel an activity, so the API cancels the work out of band through this registry.
/// </summary>
public sealed class RunningLeaves
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Registration, byte>> _byWorkflow = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a leaf of <paramref name="workflow"/>; its token fires after <paramref name="timeout"/> (the node's
    /// own), at <paramref name="deadline"/> (an enclosing one), on <see cref="Terminate"/>, and on <see cref="Stop"/>
    /// when <paramref name="stoppable"/>.
    /// </summary>
    public Registration Register(string workflow, TimeSpan? timeout, bool stoppable = true, DateTimeOffset? deadline = null)
    {
        var registration = new Registration(this, workflow, timeout, stoppable);
        if (deadline is { } due)
        {
            registration.StopAt(due);
        }

        _byWorkflow.GetOrAdd(workflow, _ => new()).TryAdd(registration, 0);
        return registration;
    }

    /// <summary>Cancels the stoppable running leaves of <paramref name="workflow"/> (Argo's stop: exit handlers go on).</summary>
    public int Stop(string workflow, string reason) => Cancel(workflow, reason, all: false);

    /// <summary>Cancels every running leaf of <paramref name="workflow"/> (Argo's terminate).</summary>
    public int Terminate(string workflow, string reason) => Cancel(workflow, reason, all: true);

    private int Cancel(string workflow, string reason, bool all)
    {
        if (!_byWorkflow.TryGetValue(workflow, out var running))
        {
            return 0;
        }

        var cancelled = 0;
        foreach (var registration in running.Keys.Where(r => all || r.Stoppable))
        {
            registration.Stop(reason);
            cancelled++;
        }

        return cancelled;
    }

    private void Remove(Registration registration)
    {
        if (_byWorkflow.TryGetValue(registration.Workflow, out var running))
        {
            running.TryRemove(registration, out _);
        }
    }

    /// <summary>One running leaf: its cancellation, and why it was cancelled.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly RunningLeaves _owner;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenSource _either;
        private Timer? _deadline;
        private bool _disposed;

        internal Registration(RunningLeaves owner, string workflow, TimeSpan? timeout, bool stoppable)
        {
            _owner = owner;
            Workflow = workflow;
            Stoppable = stoppable;
            _timeout = timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
            _either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _timeout.Token);
        }

        /// <summary>The workflow.</summary>
        public string Workflow { get; }

        /// <summary>False under an exit handler, and for a daemon once it is ready (<see cref="Daemoned"/>).</summary>
        public bool Stoppable { get; private set; }

        /// <summary>Fires on stop or timeout.</summary>
        public CancellationToken Token => _either.Token;

        /// <summary>Why the leaf was stopped, if it was.</summary>
        public string? StopReason { get; private set; }

        /// <summary>True when the deadline, not a stop, cancelled the leaf.</summary>
        public bool TimedOut => _timeout.IsCancellationRequested && StopReason is null;

        /// <summary>
        /// The leaf is a daemon that became ready: a stop no longer cancels it, as upstream's execution control
        /// (<c>exec_control.go</c>) passes daemoned nodes over; the end of its steps or DAG node kills it, Succeeded
        /// (<see cref="Semantics.DaemonRules.KilledByItsBoundary"/>), through its record. Terminate and deadlines still do.
        /// </summary>
        public void Daemoned() => Stoppable = false;

        internal void StopAt(DateTimeOffset due)
        {
            var delay = due - DateTimeOffset.UtcNow;
            if (delay <= TimeSpan.Zero)
            {
                Stop(ArgoMessages.DeadlineExceeded);
                return;
            }

            _deadline = new Timer(_ => Stop(ArgoMessages.DeadlineExceeded), null, delay, Timeout.InfiniteTimeSpan);
        }

        internal void Stop(string reason)
        {
            // A stop may race the leaf's end (the API, a deadline timer and the node-store watch all stop leaves).
            lock (_stop)
            {
                if (_disposed)
                {
                    return;
                }

                StopReason ??= reason;
                _stop.Cancel();
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            lock (_stop)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _owner.Remove(this);
            _deadline?.Dispose();
            _either.Dispose();
            _timeout.Dispose();
            _stop.Dispose();
        }
    }
}
