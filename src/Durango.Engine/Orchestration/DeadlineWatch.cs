using Durango.Engine.Model;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The one durable timer of an orchestration that stops it, with Argo's message, when its deadline
/// (<see cref="OrchestrationRun.Deadline"/>) passes. Armed by <see cref="Start"/>, moved when the deadline tightens,
/// cancelled by <see cref="End"/>.
/// </summary>
/// <remarks>
/// Deterministic: the timer is the context's, and it is cancelled with <see cref="CancellationTokenSource.Cancel()"/>
/// (see <see cref="OrchestrationRun"/>).
/// </remarks>
internal sealed class DeadlineWatch(OrchestrationRun run) : IDisposable
{
    private CancellationTokenSource? _timer;
    private bool _watching;

    /// <summary>Stops the run when its deadline passes, from now until <see cref="End"/>.</summary>
    public void Start()
    {
        _watching = true;
        Arm();
    }

    /// <summary>The deadline tightened: the timer moves to it (when watching).</summary>
    public void Moved()
    {
        if (_watching)
        {
            Arm();
        }
    }

    /// <summary>The work is done: the timer is cancelled.</summary>
    public void End()
    {
        _watching = false;
        Cancel();
    }

    /// <inheritdoc/>
    public void Dispose() => End();

    private void Arm()
    {
        Cancel();
        if (run.Deadline is { } due)
        {
            _timer = new CancellationTokenSource();
            _ = StopAtAsync(due, _timer.Token);
        }
    }

    private void Cancel()
    {
        if (_timer is { } timer)
        {
            _timer = null;
            timer.Cancel();
            timer.Dispose();
        }
    }

    private async Task StopAtAsync(DateTimeOffset due, CancellationToken cancel)
    {
        await run.Context.CreateTimer(due.UtcDateTime, cancel);
        if (!cancel.IsCancellationRequested)
        {
            run.Control.Stop(ArgoMessages.DeadlineExceeded);
        }
    }
}
