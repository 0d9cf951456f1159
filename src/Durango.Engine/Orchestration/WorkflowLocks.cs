using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Locks;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The workflow-level <c>synchronization</c>: the root takes the locks before anything runs (the workflow is
/// Pending with Argo's "Waiting for ... lock" message meanwhile) and gives them back after the exit handler.
/// </summary>
internal sealed class WorkflowLocks
{
    private readonly OrchestrationRun _run;
    private readonly string _holder;
    private IReadOnlyList<LockRef> _taken = [];

    public WorkflowLocks(OrchestrationRun run)
    {
        _run = run;
        _holder = SynchronizationRules.HolderKey(run.Workflow.Namespace, run.Workflow.Name, null);
    }

    /// <summary>Takes the workflow's locks; null when held (or none), else why the workflow cannot run.</summary>
    public async Task<LockOutcome?> AcquireAsync(DateTimeOffset started)
    {
        var (synchronization, error) = SynchronizationRules.Substitute(_run.Workflow.Synchronization, _run.Globals);
        if (error is not null)
        {
            return new LockOutcome([], error);
        }

        var locks = SynchronizationRules.Locks(synchronization, _run.Workflow.Namespace);
        if (locks.Count == 0)
        {
            return null;
        }

        var outcome = await LockHold.AcquireAsync(_run, locks, _holder, message =>
            _run.Context.SetCustomStatus(new WorkflowSummary(WorkflowPhase.Pending, message, started, null, false)));
        _taken = outcome.Taken;
        _run.Control.Changed?.Invoke();
        return outcome.Failure is null ? null : outcome;
    }

    /// <summary>Gives the locks back.</summary>
    public void Release() => LockHold.Release(_run, _taken, _holder);
}
