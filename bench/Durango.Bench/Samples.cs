using System.Diagnostics;

namespace Durango.Bench;

/// <summary>Medians of repeated timings: one warm-up run first (not counted), then <c>runs</c> samples.</summary>
internal sealed class Samples(int runs)
{
    /// <summary>How many samples each median is taken over.</summary>
    public int Runs => runs;

    /// <summary>The median of <paramref name="measure"/>'s results.</summary>
    public async Task<TimeSpan> MedianAsync(Func<Task<TimeSpan>> measure)
    {
        await measure().ConfigureAwait(false);
        var samples = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await measure().ConfigureAwait(false));
        }

        return samples.Order().ElementAt(samples.Count / 2);
    }

    /// <summary>
    /// The medians of <paramref name="first"/> and <paramref name="second"/>, sampled in turn, so that a change in the
    /// machine's load while they run weighs on both alike.
    /// </summary>
    public async Task<(TimeSpan First, TimeSpan Second)> MedianPairAsync(Func<Task<TimeSpan>> first, Func<Task<TimeSpan>> second)
    {
        await first().ConfigureAwait(false);
        await second().ConfigureAwait(false);
        var firsts = new List<TimeSpan>();
        var seconds = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            firsts.Add(await first().ConfigureAwait(false));
            seconds.Add(await second().ConfigureAwait(false));
        }

        return (firsts.Order().ElementAt(runs / 2), seconds.Order().ElementAt(runs / 2));
    }

    /// <summary>
    /// The medians of each of <paramref name="measures"/>' wall-clock and CPU times, sampled in turn (one round of
    /// warm-ups first), so that a change in the machine's load weighs on all alike.
    /// </summary>
    public async Task<Cost[]> MedianCostsAsync(params Func<Task<Cost>>[] measures)
    {
        foreach (var measure in measures)
        {
            await measure().ConfigureAwait(false);
        }

        var costs = measures.Select(_ => new List<Cost>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var m = 0; m < measures.Length; m++)
            {
                costs[m].Add(await measures[m]().ConfigureAwait(false));
            }
        }

        return [.. costs.Select(c => new Cost(c.Select(x => x.Wall).Order().ElementAt(runs / 2), c.Select(x => x.Cpu).Order().ElementAt(runs / 2)))];
    }

    /// <summary>The wall-clock time of <paramref name="action"/> and the CPU time of the child processes it waited for.</summary>
    public static async Task<Cost> CostAsync(Func<Task> action)
    {
        var cpu = ChildCpu.Total();
        var clock = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return new Cost(clock.Elapsed, ChildCpu.Total() - cpu);
    }

    /// <summary>The wall-clock time of <paramref name="action"/>.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return clock.Elapsed;
    }
}

/// <summary>What a run cost: its wall-clock time and the CPU time (user + system) of the processes it ran.</summary>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="Cpu">CPU time, of every core.</param>
internal readonly record struct Cost(TimeSpan Wall, TimeSpan Cpu)
{
    /// <summary>This cost divided by <paramref name="count"/>.</summary>
    public Cost Per(int count) => new(Wall / count, Cpu / count);
}
