using Durango.Engine.Executors;
using Durango.Engine.Model;
using Durango.Engine.Stores;

namespace Durango.Engine.Activities;

/// <summary>
/// Carries Argo's stop and terminate to a leaf wherever it runs. A stop fails the node in the orchestration, which
/// writes that record at once; terminate marks every unfinished node Failed; delete removes the tree. Every host
/// of a task hub shares the node store, so a leaf that reads its own record (and its steps or DAG node's) hears
/// all three, whichever host the API request reached. <see cref="RunningLeaves"/> is the immediate path on the host
/// that got the request.
/// </summary>
internal static class RemoteStop
{
    /// <summary>The node ids a leaf reads: its own, and its steps or DAG node's.</summary>
    public static IReadOnlyCollection<string> Watched(LeafRunInput input) =>
        input.Node.BoundaryId is { } boundary ? [input.Node.Id, boundary] : [input.Node.Id];

    /// <summary>
    /// Why leaf <paramref name="input"/> must not run (on), given what the store holds (<paramref name="known"/>,
    /// read with <see cref="Watched"/>): its record, or that of the steps or DAG node it belongs to, was fulfilled by
    /// someone else (a stop, a terminate), or the workflow was deleted; else null.
    /// </summary>
    public static string? Reason(LeafRunInput input, NodeLookup? known) => known is null
        ? ArgoMessages.Terminated
        : Watched(input).Select(known.Nodes.GetValueOrDefault).FirstOrDefault(n => n is not null && n.Phase.Fulfilled()) is { } ended
            ? ended.Message ?? ArgoMessages.Stopped
            : null;

    /// <summary>
    /// Looks at every tick of <paramref name="ticks"/> until the caller disposes it, and stops <paramref name="leaf"/>
    /// when <see cref="Reason"/> gives one. A store that cannot be read is tried again at the next tick;
    /// <paramref name="done"/> cancels a read still on its way. Disposing the timer ends the wait without an exception,
    /// which every leaf's end would otherwise throw and catch (issue 12).
    /// </summary>
    public static async Task WatchAsync(
        INodeStore nodes, LeafRunInput input, RunningLeaves.Registration leaf, PeriodicTimer ticks, CancellationToken done)
    {
        try
        {
            while (await ticks.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    if (Reason(input, await nodes.ReadNodesAsync(input.WorkflowName, Watched(input), done).ConfigureAwait(false)) is { } reason)
                    {
                        leaf.Stop(reason);
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The store is unavailable for now: the leaf runs on and the next tick looks again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The leaf ended.
        }
    }
}
