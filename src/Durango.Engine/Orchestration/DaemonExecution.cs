using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A daemon that is running, as its steps or DAG see it: what the end of that steps or DAG node kills
/// (<see cref="DaemonExecution.KillAllAsync"/>). A plain daemon is one leaf (<see cref="LeafDaemon"/>); a daemon with a
/// <c>retryStrategy</c> is its Retry node and its live attempt (<see cref="DaemonRetry"/>).
/// </summary>
internal abstract class RunningDaemon
{
    /// <summary>Kills it: the nodes to record as killed by its boundary (none when it already ended).</summary>
    public abstract IReadOnlyList<NodeStatus> Kill();

    /// <summary>Completes once it is gone, after <see cref="Kill"/>.</summary>
    public abstract Task Gone { get; }
}

/// <summary>A ready daemon's leaf: its node and the leaf activity that runs it until it is killed or dies.</summary>
/// <param name="node">The daemon's node record.</param>
/// <param name="run">Its leaf activity.</param>
internal sealed class LeafDaemon(NodeStatus node, Task<LeafRunResult> run) : RunningDaemon
{
    /// <summary>The daemon's node record.</summary>
    public NodeStatus Node { get; } = node;

    /// <summary>Its leaf activity.</summary>
    public Task<LeafRunResult> Run { get; } = run;

    /// <inheritdoc/>
    public override IReadOnlyList<NodeStatus> Kill() => [Node];

    /// <inheritdoc/>
    public override Task Gone => Run;
}

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
    /// Ready, with its address, once the daemon of <paramref name="node"/> is ready; not ready when it ended first (its
    /// activity's result then settles the node as any leaf's).
    /// </summary>
    public static async Task<DaemonState> UntilReadyAsync(OrchestrationRun run, NodeStatus node, Task<LeafRunResult> activity)
    {
        var ready = run.Context.CallActivityAsync<DaemonState>(DurangoTasks.AwaitDaemon, new AwaitDaemonInput(run.Workflow.Name, node.Id), StoreOptions);
        try
        {
            if (await Task.WhenAny(ready, activity) != ready || await ready is not { Ready: true } state)
            {
                await activity;
                return new DaemonState(false, null);
            }

            return state;
        }
        catch (TaskFailedException)
        {
            // The caller awaits the activity itself and settles the node from its failure.
            return new DaemonState(false, null);
        }
    }

    /// <summary>The result a ready daemon gives its steps or DAG; the daemon is kept to be killed at their end.</summary>
    public static NodeResult Daemoned(OrchestrationRun run, NodeStatus node, Task<LeafRunResult> activity)
    {
        run.Daemons.Add(new LeafDaemon(node, activity));
        return NodeRecords.Result(run, node with { Phase = DaemonRules.DaemonedForSiblings }) with { Daemoned = true };
    }

    /// <summary>
    /// Takes the ready daemon of node <paramref name="nodeId"/> off this orchestration's list, for a Retry node to watch
    /// (<see cref="DaemonRetry"/>); null when its boundary already killed it.
    /// </summary>
    public static LeafDaemon? Adopt(OrchestrationRun run, string nodeId)
    {
        var daemon = run.Daemons.OfType<LeafDaemon>().FirstOrDefault(d => d.Node.Id == nodeId);
        if (daemon is not null)
        {
            run.Daemons.Remove(daemon);
        }

        return daemon;
    }

    /// <summary>
    /// The end of a ready daemon that was not killed (it exited, or was deadlined or terminated): its node's result,
    /// recorded unless its leaf activity wrote it, as any leaf's (<see cref="LeafExecution"/>).
    /// </summary>
    public static async Task<NodeResult> EndedAsync(OrchestrationRun run, LeafDaemon daemon)
    {
        LeafRunResult result;
        try
        {
            result = await daemon.Run;
        }
        catch (TaskFailedException e)
        {
            return NodeRecords.Complete(run, NodeRecords.Finish(run, daemon.Node, NodePhase.Error, e.FailureDetails.ErrorMessage));
        }

        var final = daemon.Node with
        {
            Phase = result.Phase,
            Message = result.Message,
            Outputs = result.Outputs,
            StartedAt = result.StartedAt,
            FinishedAt = result.FinishedAt,
            Daemoned = null,
        };
        return result.Recorded ? NodeRecords.Result(run, final) : NodeRecords.Complete(run, final);
    }

    /// <summary>
    /// A long steps template continues as new: its daemons run on and end when they see its node end; a retried
    /// daemon's Retry node, which cannot watch across the continuation, ends now (<see cref="DaemonRetry.LetGo"/>).
    /// </summary>
    public static void LetGo(OrchestrationRun run)
    {
        foreach (var node in run.Daemons.OfType<DaemonRetry>().SelectMany(d => d.LetGo()).ToList())
        {
            NodeRecords.End(run, node with { Daemoned = null }, DaemonRules.KilledByItsBoundary);
        }

        run.Daemons.Clear();
    }

    /// <summary>Kills the daemons this orchestration started (its steps or DAG node is ending) and waits until they are gone.</summary>
    public static async Task KillAllAsync(OrchestrationRun run)
    {
        if (run.Daemons.Count == 0)
        {
            return;
        }

        // A retried daemon may hand a new ready attempt to the list while this waits: it takes that one itself.
        var daemons = run.Daemons.ToList();
        run.Daemons.Clear();
        foreach (var node in daemons.SelectMany(d => d.Kill()))
        {
            NodeRecords.End(run, node with { Daemoned = null }, DaemonRules.KilledByItsBoundary);
        }

        // The kill is heard through the node store: it must be stored before the daemons are awaited.
        await run.WriteUntilStoredAsync();
        foreach (var daemon in daemons)
        {
            try
            {
                await daemon.Gone;
            }
            catch (TaskFailedException)
            {
                // The daemon's activity failed as it was killed; its node is already Succeeded.
            }
        }
    }
}
