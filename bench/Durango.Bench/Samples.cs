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

    /// <summary>The wall-clock time of <paramref name="action"/>.</summary>
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return clock.Elapsed;
    }
}
