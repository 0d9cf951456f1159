using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// An orchestration context whose events and timers a test delivers, for the one case a real backend cannot be made
/// to produce on demand: an event arriving in the same episode as a continue-as-new. It hands events to waits as
/// Microsoft.DurableTask's shim does (TaskOrchestrationContextWrapper.CompleteExternalEvent): to the newest wait
/// registered for the name, even a cancelled one, else to a buffer; after a continue-as-new with preserved events,
/// an event no wait takes goes to the next execution.
/// </summary>
internal sealed class ScriptedOrchestrationContext(string instanceId, DateTime now) : TaskOrchestrationContext
{
    private readonly Dictionary<string, Stack<Action<object>>> _waits = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _timers = [];

    /// <summary>The events sent, in order: to another instance, or to this one (the next execution).</summary>
    public List<(string InstanceId, string Name, object Payload)> Sent { get; } = [];

    /// <summary>The input of the continue-as-new, once called.</summary>
    public object? ContinuedWith { get; private set; }

    /// <summary>True once the orchestration continued as new.</summary>
    public bool Continued { get; private set; }

    public override TaskName Name => new("scripted");

    public override string InstanceId { get; } = instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime { get; } = now;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Delivers an event as the runtime does.</summary>
    public void Raise(string name, object payload)
    {
        if (_waits.TryGetValue(name, out var waits) && waits.Count > 0)
        {
            waits.Pop()(payload);
        }
        else if (Continued)
        {
            Sent.Add((InstanceId, name, payload));
        }
        else
        {
            throw new InvalidOperationException($"nothing waits for {name}; the test delivers events only to waits");
        }
    }

    /// <summary>Fires every timer created so far.</summary>
    public void FireTimers()
    {
        foreach (var timer in _timers.ToList())
        {
            timer.TrySetResult();
        }
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var wait = new TaskCompletionSource<T>();
        if (!_waits.TryGetValue(eventName, out var waits))
        {
            _waits[eventName] = waits = new Stack<Action<object>>();
        }

        waits.Push(payload => wait.TrySetResult((T)payload));
        cancellationToken.Register(() => wait.TrySetCanceled(cancellationToken));
        return wait.Task;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new TaskCompletionSource();
        cancellationToken.Register(() => timer.TrySetCanceled(cancellationToken));
        _timers.Add(timer);
        return timer.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => Sent.Add((instanceId, eventName, payload));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedWith = newInput;
        Continued = preserveUnprocessedEvents;
    }

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override T? GetInput<T>()
        where T : default => throw new NotSupportedException();

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("the scripted context runs no activities");

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("the scripted context runs no sub-orchestrations");

    public override Guid NewGuid() => Guid.NewGuid();
}
