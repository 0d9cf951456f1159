using Durango.Engine.Model;
using Durango.Engine.Stores;
using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>The input of <see cref="AwaitDaemonActivity"/>: the daemon's workflow and node.</summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="NodeId">The daemon's node.</param>
public sealed record AwaitDaemonInput(string WorkflowName, string NodeId);

/// <summary>What <see cref="AwaitDaemonActivity"/> saw: the daemon ready at <paramref name="PodIp"/>, or ended first.</summary>
/// <param name="Ready">True when the daemon is running and ready.</param>
/// <param name="PodIp">Its address, when ready.</param>
public sealed record DaemonState(bool Ready, string? PodIp);

/// <summary>
/// Waits until a daemon's node is daemoned (ready) or ended, reading the node store, which the daemon's leaf activity
/// writes on whichever host runs it. An orchestration cannot hear from a running activity otherwise.
/// </summary>
public sealed class AwaitDaemonActivity(INodeStore nodes) : TaskActivity<AwaitDaemonInput, DaemonState>
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the daemon's node may be unknown: its leaf activity writes it first thing, so only a deleted workflow takes this long.</summary>
    private static readonly TimeSpan Unknown = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public override async Task<DaemonState> RunAsync(TaskActivityContext context, AwaitDaemonInput input)
    {
        using var timer = new PeriodicTimer(Poll);
        var since = DateTimeOffset.UtcNow;
        while (true)
        {
            // The daemon's leaf activity may not have written its node yet (it carries the orchestration's records).
            var known = await nodes.ReadNodesAsync(input.WorkflowName, [input.NodeId]).ConfigureAwait(false);
            if (known?.Nodes.GetValueOrDefault(input.NodeId) is not { } node)
            {
                if (DateTimeOffset.UtcNow - since > Unknown)
                {
                    return new DaemonState(false, null);
                }
            }
            else
            {
                if (node.Phase.Fulfilled())
                {
                    return new DaemonState(false, null);
                }

                if (node.Daemoned == true)
                {
                    return new DaemonState(true, node.PodIp);
                }
            }

            await timer.WaitForNextTickAsync().ConfigureAwait(false);
        }
    }
}
