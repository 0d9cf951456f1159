using Durango.Engine.Locks;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The workflow-level <c>synchronization</c>: the root takes the locks before anything runs and gives them back after
/// the exit handler. Until it holds them the workflow is Pending (with Argo's "Waiting for ... lock" message once a
/// lock has queued it), as upstream keeps a workflow Pending until its locks are acquired (<c>operate</c> in
/// <c>operator.go</c>); then Running.
/// </summary>
internal sealed class WorkflowLocks
{
    private readonly OrchestrationRun _run;
    private readonly string _holder;
    private IReadOnlyList<LockRef> _taken = [];
    private bool _held;
    private string? _message;

    public WorkflowLocks(OrchestrationRun run)
    {
        _run = run;
        _holder = SynchronizationRules.HolderKey(run.Workflow.Namespace, run.Workflow.Name, null);
        _held = run.Workflow.Synchronization is null;
    }

    /// <summary>The root's custom status while it runs: Pending until its locks are held, then Running.</summary>
    public WorkflowSummary Summary(DateTimeOffset started, bool suspended) => _held
        ? new WorkflowSummary(WorkflowPhase.Running, null, started, null, suspended)
        : new WorkflowSummary(WorkflowPhase.Pending, _message, started, null, suspended);

    /// <summary>
    /// Takes the workflow's locks; null when held (or none), else why the workflow cannot run. Tells
    /// <see cref="ControlChannel.Changed"/> each time a lock queues it; the caller updates the status once they are held.
    /// </summary>
    public async Task<LockOutcome?> AcquireAsync()
    {
        var (synchronization, error) = SynchronizationRules.Substitute(_run.Workflow.Synchronization, _run.Globals);
        if (error is not null)
        {
            return new LockOutcome([], error);
        }

        var locks = SynchronizationRules.Locks(synchronization, _run.Workflow.Namespace);
        if (locks.Count == 0)
        {
            _held = true;
            return null;
        }

        var outcome = await LockHold.AcquireAsync(_run, locks, _holder, message =>
        {
            _message = message;
            _run.Control.Changed?.Invoke();
        });
        _taken = outcome.Taken;
        if (outcome.Failure is not null)
        {
            return outcome;
        }

        _held = true;
        return null;
    }

    /// <summary>Gives the locks back.</summary>
    public void Release() => LockHold.Release(_run, _taken, _holder);
}
