using Microsoft.DurableTask;

namespace Durango.Bench;

/// <summary>The baseline: the same number of no-op activities, in sequence or fanned out, with nothing of Durango's.</summary>
internal static class BareTasks
{
    public const string Sequential = "BenchBareSequential";
    public const string FanOut = "BenchBareFanOut";
    public const string Noop = "BenchBareNoop";

    /// <summary>The span source of the no-op's run, for <see cref="PhaseCases"/> (nothing listens otherwise).</summary>
    public const string NoopSource = "Durango.Bench.Noop";

    public static readonly System.Diagnostics.ActivitySource Noops = new(NoopSource);
}

/// <summary>Calls <c>count</c> no-op activities one after another.</summary>
internal sealed class BareSequentialOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        for (var i = 0; i < input; i++)
        {
            await context.CallActivityAsync<int>(BareTasks.Noop, i);
        }

        return input;
    }
}

/// <summary>Calls <c>count</c> no-op activities at once and waits for all.</summary>
internal sealed class BareFanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(BareTasks.Noop, i)));
        return results.Length;
    }
}

/// <summary>Does nothing.</summary>
internal sealed class BareNoopActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        using var span = BareTasks.Noops.StartActivity("noop");
        return Task.FromResult(input);
    }
}
