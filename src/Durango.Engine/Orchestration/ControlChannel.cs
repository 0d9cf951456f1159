using Durango.Engine.Model;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The control signals one orchestration has heard: stop and suspend/resume, from the API (an external event) or
/// from its own deadline. Signals are passed on to the child orchestrations it runs, so the whole tree obeys.
/// </summary>
/// <remarks>
/// The task completion sources here are completed only by orchestration code reacting to durable events, so
/// replay completes them at the same points; their continuations run inline, on the orchestration's thread.
/// </remarks>
internal sealed class ControlChannel
{
    private const int MaxSignals = 1000;
    private readonly TaskOrchestrationContext _context;
    private readonly HashSet<string> _children = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _stopped = new();
    private readonly List<(NodeStatus Node, TaskCompletionSource<ControlSignal> Woken, Action<ControlSignal> Given)> _waiting = [];
    private TaskCompletionSource _resumed = new();
    private bool _continuing;

    public ControlChannel(TaskOrchestrationContext context)
    {
        _context = context;
        _resumed.SetResult();
    }

    /// <summary>Completes with the stop message when the orchestration is told to stop.</summary>
    public Task<string> Stopped => _stopped.Task;

    /// <summary>True once told to stop.</summary>
    public bool IsStopped => _stopped.Task.IsCompleted;

    /// <summary>The stop message, once stopped.</summary>
    public string? StopMessage => IsStopped ? _stopped.Task.Result : null;

    /// <summary>True once told to terminate: nothing more runs, exit handlers included.</summary>
    public bool IsTerminated { get; private set; }

    /// <summary>True while suspended.</summary>
    public bool IsSuspended => !_resumed.Task.IsCompleted;

    /// <summary>
    /// Completes with the resume, or the set with a phase, that picks suspend node <paramref name="node"/> (a resume
    /// without a selector picks every waiting node); the node stops waiting then. A set without a phase that picks it
    /// goes to <paramref name="given"/> (it records values on the node, which waits on).
    /// </summary>
    public Task<ControlSignal> WakeOf(NodeStatus node, Action<ControlSignal> given)
    {
        var woken = new TaskCompletionSource<ControlSignal>();
        _waiting.Add((node, woken, given));
        return woken.Task;
    }

    /// <summary>Called after each signal is handled (the root updates its custom status).</summary>
    public Action? Changed { get; set; }

    /// <summary>Starts listening for signals; the listener lives as long as the orchestration.</summary>
    public void Listen() => _ = ListenAsync();

    /// <summary>Completes when the orchestration may start new work (not suspended, or stopped).</summary>
    public Task WhenRunnableAsync() => IsStopped || !IsSuspended ? Task.CompletedTask : Task.WhenAny(_resumed.Task, _stopped.Task);

    /// <summary>Restores a suspension carried over a continue-as-new.</summary>
    public void RestoreSuspended() => Handle(new ControlSignal(ControlKind.Suspend));

    /// <summary>Stops this orchestration and its children (a deadline does this).</summary>
    public void Stop(string message) => Handle(new ControlSignal(ControlKind.Stop, message));

    /// <summary>
    /// Hands the signals on to the next execution when the orchestration continues as new: a stop already heard is
    /// sent again, and a signal that reaches the listener from now on is passed on unhandled. The listener's wait is
    /// still pending then, and Durable Task gives an event to a pending wait before it keeps the event for the next
    /// execution, so without this a signal arriving in that episode would be lost with this execution. A suspension
    /// goes on in the continued input (<see cref="IsSuspended"/>).
    /// </summary>
    public void CarryOver()
    {
        _continuing = true;
        if (IsStopped)
        {
            Forward(new ControlSignal(IsTerminated ? ControlKind.Terminate : ControlKind.Stop, StopMessage));
        }
    }

    /// <summary>Registers a running child orchestration, which hears the signals from now on.</summary>
    public void Adopt(string instanceId)
    {
        _children.Add(instanceId);
        if (IsStopped)
        {
            _context.SendEvent(instanceId, ControlSignal.EventName, new ControlSignal(ControlKind.Stop, StopMessage));
        }
        else if (IsSuspended)
        {
            _context.SendEvent(instanceId, ControlSignal.EventName, new ControlSignal(ControlKind.Suspend));
        }
    }

    /// <summary>Forgets a child that has finished.</summary>
    public void Release(string instanceId) => _children.Remove(instanceId);

    private async Task ListenAsync()
    {
        // Bounded, so history cannot grow without end: no workflow is sensibly stopped, suspended or resumed
        // this many times.
        for (var heard = 0; heard < MaxSignals; heard++)
        {
            var signal = await _context.WaitForExternalEvent<ControlSignal>(ControlSignal.EventName);
            if (_continuing)
            {
                Forward(signal);
            }
            else
            {
                Handle(signal);
            }
        }
    }

    private void Forward(ControlSignal signal) => NextExecution.PassOn(_context, ControlSignal.EventName, signal);

    private void Handle(ControlSignal signal)
    {
        foreach (var child in _children.Order(StringComparer.Ordinal))
        {
            _context.SendEvent(child, ControlSignal.EventName, signal);
        }

        switch (signal.Kind)
        {
            case ControlKind.Stop:
                _stopped.TrySetResult(signal.Message ?? ArgoMessages.Stopped);
                break;
            case ControlKind.Terminate:
                IsTerminated = true;
                _stopped.TrySetResult(ArgoMessages.Terminated);
                break;
            case ControlKind.Suspend when !IsSuspended:
                _resumed = new TaskCompletionSource();
                break;
            case ControlKind.Resume when signal.NodeFieldSelector is null:
                _resumed.TrySetResult();
                Wake(signal);
                break;
            case ControlKind.Set when signal.Phase is null:
                Give(signal);
                break;
            case ControlKind.Resume or ControlKind.Set:
                Wake(signal);
                break;
        }

        Changed?.Invoke();
    }

    /// <summary>Wakes the waiting suspend nodes <paramref name="signal"/> picks.</summary>
    private void Wake(ControlSignal signal)
    {
        var selector = Semantics.NodeFieldSelector.Parse(signal.NodeFieldSelector);
        foreach (var waiter in _waiting.Where(w => selector.Matches(w.Node)).ToList())
        {
            _waiting.Remove(waiter);
            waiter.Woken.TrySetResult(signal);
        }
    }

    /// <summary>Hands a set without a phase to the waiting suspend nodes <paramref name="signal"/> picks.</summary>
    private void Give(ControlSignal signal)
    {
        var selector = Semantics.NodeFieldSelector.Parse(signal.NodeFieldSelector);
        foreach (var waiter in _waiting.Where(w => selector.Matches(w.Node)).ToList())
        {
            waiter.Given(signal);
        }
    }
}
