using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>A daemon that is running: its node and the leaf activity that runs it until it is killed.</summary>
/// <param name="Node">The daemon's node record.</param>
/// <param name="Run">Its leaf activity.</param>
internal sealed record RunningDaemon(NodeStatus Node, Task<LeafRunResult> Run);

/// <summary>
/// A container or script template with <c>daemon: true</c>. Its leaf activity runs the container to its end as any
/// leaf; this class waits for it to become ready instead (<see cref="AwaitDaemonActivity"/>), hands its step or task
/// back to the steps or DAG as done (<see cref="DaemonRules.DaemonedForSiblings"/>) while the container runs on, and,
/// when that steps or DAG node ends, kills it: the daemon's node is recorded Succeeded (and waited for until stored), which its leaf activity
/// hears through the node store (<see cref="RemoteStop"/>) wherever it runs, and the activity is awaited.
/// </summary>
internal static class DaemonExecution
{
    private static readonly TaskOptions StoreOptions = StoreActivityOptions.Retrying;

    /// <summary>
    /// True once the daemon of <paramref name="node"/> is ready; false when it ended first (its activity's result then
    /// settles the node as any leaf's).
    /// </summary>
    public static async Task<bool> UntilReadyAsync(OrchestrationRun run, NodeStatus node, Task<LeafRunResult> activity)
    {
        var ready = run.Context.CallActivityAsync<DaemonState>(DurangoTasks.AwaitDaemon, new AwaitDaemonInput(run.Workflow.Name, node.Id), StoreOptions);
        try
        {
            if (await Task.WhenAny(ready, activity) != ready || !(await ready).Ready)
            {
                await activity;
                return false;
            }

            return true;
        }
        catch (TaskFailedException)
        {
            // The caller awaits the activity itself and settles the node from its failure.
            return false;
        }
    }

    /// <summary>The result a ready daemon gives its steps or DAG; the daemon is kept to be killed at their end.</summary>
    public static NodeResult Daemoned(OrchestrationRun run, NodeStatus node, Task<LeafRunResult> activity)
    {
        run.Daemons.Add(new RunningDaemon(node, activity));
        return NodeRecords.Result(run, node with { Phase = DaemonRules.DaemonedForSiblings }) with { Daemoned = true };
    }

    /// <summary>Kills the daemons this orchestration started (its steps or DAG node is ending) and waits until they are gone.</summary>
    public static async Task KillAllAsync(OrchestrationRun run)
    {
        if (run.Daemons.Count == 0)
        {
            return;
        }

        foreach (var daemon in run.Daemons)
        {
            NodeRecords.End(run, daemon.Node with { Daemoned = false }, DaemonRules.KilledByItsBoundary);
        }

        // The kill is heard through the node store: it must be stored before the daemons are awaited.
        await run.WriteUntilStoredAsync();
        foreach (var daemon in run.Daemons)
        {
            try
            {
                await daemon.Run;
            }
            catch (TaskFailedException)
            {
                // The daemon's activity failed as it was killed; its node is already Succeeded.
            }
        }

        run.Daemons.Clear();
    }
}
