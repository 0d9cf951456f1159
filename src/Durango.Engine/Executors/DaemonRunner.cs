using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Executors;

/// <summary>
/// Runs a daemon's container: starts it with the container runtime, tries its readiness probe on the
/// <see cref="DaemonRules"/> schedule while it runs, and once ready records the node as daemoned with its address —
/// the record the orchestration waits for. The container then runs until it exits (its node Fails) or is cancelled:
/// by the end of the steps or DAG that started it, a stop, or a deadline.
/// </summary>
internal sealed class DaemonRunner(IContainerRuntime runtime)
{
    public async Task<LeafOutcome> RunAsync(ContainerRequest request, Probe? probe, LeafNode? node, CancellationToken cancellationToken)
    {
        if (runtime.DaemonAddress is not { } address || node is null)
        {
            throw new ContainerStartException($"daemon steps run on the process runtime; the {runtime.Name} runtime cannot give later steps the daemon's address yet");
        }

        using var stopProbing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = runtime.RunAsync(request, cancellationToken);
        var ready = WaitUntilReadyAsync(probe, address, run, stopProbing.Token);
        if (await Task.WhenAny(run, ready).ConfigureAwait(false) == ready && await ready.ConfigureAwait(false))
        {
            await request.Log.WriteLineAsync($"[durango] daemon ready at {address}", cancellationToken).ConfigureAwait(false);
            await node.Record([node.Node with { Phase = NodePhase.Running, Daemoned = true, PodIp = address }], cancellationToken).ConfigureAwait(false);
        }

        await stopProbing.CancelAsync().ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        var (phase, message) = DaemonRules.Exited(result.ExitCode);
        return new LeafOutcome(phase, message, result.Stdout.TrimEnd('\n', '\r'), result.ExitCode, result.OutputFiles);
    }

    /// <summary>True once the probe passes (at once without one); false when the daemon ended first.</summary>
    private static async Task<bool> WaitUntilReadyAsync(Probe? probe, string address, Task run, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DaemonRules.FirstTry(probe), cancellationToken).ConfigureAwait(false);
            if (probe is null)
            {
                return !run.IsCompleted;
            }

            while (!run.IsCompleted)
            {
                if (await ReadinessProbe.TryAsync(probe, address, cancellationToken).ConfigureAwait(false))
                {
                    return !run.IsCompleted;
                }

                await Task.WhenAny(run, Task.Delay(DaemonRules.Period(probe), cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
