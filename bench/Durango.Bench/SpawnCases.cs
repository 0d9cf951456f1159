using Durango.Engine.Executors;
using Durango.Engine.Stores;

namespace Durango.Bench;

/// <summary>
/// The process runtime alone, without a workflow around it: steps of <c>true</c> run one after another through
/// <see cref="ProcessContainerRuntime"/> (work folder, isolation, reaper registration, log), against the same count of
/// a shell's isolated spawns. What the spawn path costs beside what the engine costs.
/// </summary>
internal static class SpawnCases
{
    /// <summary>The runtime's time per step and the shell's per isolated spawn, sampled in turn.</summary>
    public static async Task<(TimeSpan Runtime, TimeSpan Shell)> MeasureAsync(int steps, string isolatedCommand, Samples samples, string directory)
    {
        using var reaper = new StepReaper();
        var runtime = new ProcessContainerRuntime(Path.Combine(directory, "work"), reaper);
        var logs = new FileLogStore(Path.Combine(directory, "logs"));
        var (perStep, perSpawn) = await samples.MedianPairAsync(
            () => Samples.TimeAsync(async () =>
            {
                for (var i = 0; i < steps; i++)
                {
                    var log = new NodeLog(logs, "bench", $"step-{i}", []);
                    await using (log.ConfigureAwait(false))
                    {
                        var request = new ContainerRequest("bench", $"step-{i}", "alpine", ["true"], [], [], null, null, new Dictionary<string, string>(), [], log);
                        await runtime.RunAsync(request, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }),
            () => Processes.ShellLoopAsync(isolatedCommand, steps)).ConfigureAwait(false);
        return (perStep / steps, perSpawn);
    }
}
