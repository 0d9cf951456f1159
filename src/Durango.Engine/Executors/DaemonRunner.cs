using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Executors;

/// <summary>
/// Runs a daemon's container: starts it with the container runtime, tries its readiness probe on the
/// <see cref="DaemonRules"/> schedule while it runs, and once ready records the node as daemoned with its address —
/// the record the orchestration waits for. The container then runs until it exits (its node Fails) or is cancelled:
/// by the end of the steps or DAG that started it, a terminate, or a deadline; a stop reaches it only through that end.
/// </summary>
internal sealed class DaemonRunner(IContainerRuntime runtime)
{
    public async Task<LeafOutcome> RunAsync(ContainerRequest request, Probe? probe, LeafNode? node, CancellationToken cancellationToken)
    {
        if (!runtime.RunsDaemons || node is null)
        {
            throw new ContainerStartException($"daemon steps run on the process, docker and aci runtimes; the {runtime.Name} runtime cannot give later steps the daemon's address");
        }

        using var stopProbing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        request = request with { Daemon = true, Ports = ProbePorts(probe) };
        var run = runtime.RunAsync(request, cancellationToken);
        var ready = WaitUntilReadyAsync(probe, request, run, stopProbing.Token);
        if (await Task.WhenAny(run, ready).ConfigureAwait(false) == ready && await ready.ConfigureAwait(false) is { } address)
        {
            await request.Log.WriteLineAsync($"[durango] daemon ready at {address}", cancellationToken).ConfigureAwait(false);
            // Deaf to a stop from here on (a stop that came before still ends its node through the record it watches).
            node.Daemoned?.Invoke();
            await node.Record([node.Node with { Phase = NodePhase.Running, Daemoned = true, PodIp = address }], cancellationToken).ConfigureAwait(false);
        }

        await stopProbing.CancelAsync().ConfigureAwait(false);
        var result = await run.ConfigureAwait(false);
        var (phase, message) = DaemonRules.Exited(result.ExitCode);
        return new LeafOutcome(phase, message, result.Stdout.TrimEnd('\n', '\r'), result.ExitCode, result.OutputFiles);
    }

    private static List<int> ProbePorts(Probe? probe) =>
        new[] { probe?.HttpGet?.Port, probe?.TcpSocket?.Port }
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0)
            .Where(p => p > 0).ToList();

    /// <summary>The daemon's address once it has one and its probe passes (at once without one); null when it ended first.</summary>
    private async Task<string?> WaitUntilReadyAsync(Probe? probe, ContainerRequest request, Task run, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DaemonRules.FirstTry(probe), cancellationToken).ConfigureAwait(false);
            string? address = null;
            while (!run.IsCompleted)
            {
                // A container's address comes with it (docker, aci); the process runtime's is loopback from the start.
                address ??= await runtime.AddressOfAsync(request, cancellationToken).ConfigureAwait(false);
                if (address is not null && (probe is null || await ReadinessProbe.TryAsync(probe, address, cancellationToken).ConfigureAwait(false)))
                {
                    return run.IsCompleted ? null : address;
                }

                await Task.WhenAny(run, Task.Delay(address is null || probe is null ? TimeSpan.FromMilliseconds(500) : DaemonRules.Period(probe), cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
