using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A node whose template has <c>synchronization</c>: it waits, Pending with Argo's "Waiting for ... lock" message,
/// until it holds every mutex and semaphore, runs, and gives them back however it ends (success, failure, stop). Still
/// waiting when its template's <c>timeout</c> passes, it fails with Argo's <c>timeout</c> and leaves the queue.
/// A steps or DAG node holds them in its caller's orchestration, around the child that runs it.
/// </summary>
internal sealed class SynchronizedExecution(OrchestrationRun run)
{
    /// <summary>True when <paramref name="template"/> must hold locks in this orchestration.</summary>
    public static bool Applies(Template template, bool inline) =>
        template.Synchronization is not null && !(inline && template.Body is StepsBody or DagBody);

    public async Task<NodeResult> RunAsync(NodeCall call, Template template, IReadOnlyDictionary<string, string> arguments, Func<Task<NodeResult>> body)
    {
        if (run.Reuse?.GetValueOrDefault(call.Name) is { Phase: NodePhase.Succeeded })
        {
            // Argo's retry keeps a node that succeeded: it runs nothing, so it needs no lock.
            return await body();
        }

        var type = NodeRecords.TypeOf(template.Body);
        var scope = new Dictionary<string, string>(run.Globals, StringComparer.Ordinal);
        foreach (var (key, value) in InputBinder.Bind(template.Inputs, arguments, run.Globals).Variables())
        {
            scope[key] = value;
        }

        var (synchronization, substitutionError) = SynchronizationRules.Substitute(template.Synchronization, scope);
        if (substitutionError is not null)
        {
            return NodeRecords.Complete(run, NodeRecords.Settled(run, call, type, template, NodePhase.Error, substitutionError));
        }

        var locks = SynchronizationRules.Locks(synchronization, run.Workflow.Namespace);
        var holder = SynchronizationRules.HolderKey(run.Workflow.Namespace, run.Workflow.Name, run.NodeId(call.Name));
        // Upstream's checkTemplateTimeouts: a node still Pending (waiting for its locks) past its template's timeout fails.
        var timeoutAt = Deadlines.WhilePending(template, scope, run.Now);
        var outcome = await LockHold.AcquireAsync(run, locks, holder, message =>
        {
            NodeRecords.Waiting(run, call, type, template, message);
            run.Flush();
        }, timeoutAt);
        if (outcome.Failure is { } failure)
        {
            var phase = outcome.Stopped || outcome.TimedOut ? NodePhase.Failed : NodePhase.Error;
            return NodeRecords.Complete(run, NodeRecords.Settled(run, call, type, template, phase, failure));
        }

        try
        {
            return await body();
        }
        finally
        {
            LockHold.Release(run, outcome.Taken, holder);
        }
    }
}
