using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Runs a loop's iterations: a small loop here, a large one in batches of <see cref="Size"/>, each a child
/// orchestration (<see cref="LoopBatchOrchestrator"/>). Replay re-schedules every task an orchestration started, so a
/// 1,000-item loop in one orchestration re-serializes every iteration's input at each replay; in batches, the loop's
/// orchestration replays a handful of batch calls and each batch its own iterations. Nodes, names and phases are the
/// same either way; <c>parallelism</c> holds across the batches.
/// </summary>
internal static class LoopBatches
{
    /// <summary>Iterations per batch; loops with no more than this run in the loop's own orchestration.</summary>
    public const int Size = 100;

    /// <summary>
    /// The results of <paramref name="items"/>, in order: each run by <paramref name="inline"/> when the loop is small,
    /// else in batches.
    /// </summary>
    public static async Task<NodeResult[]> RunAsync(
        OrchestrationRun run, LoopRef loop, IReadOnlyList<LoopItem> items, IReadOnlyDictionary<string, string> scope, int? parallelism,
        Func<LoopItem, Task<NodeResult>> inline)
    {
        if (items.Count <= Size)
        {
            return await Throttle.RunAsync(items.Select(item => (Func<Task<NodeResult>>)(() => inline(item))).ToList(), parallelism);
        }

        // At most `parallelism` iterations at once: batches each run up to `perBatch`, `atOnce` batches together.
        var perBatch = parallelism is > 0 ? Math.Min(parallelism.Value, Size) : (int?)null;
        var atOnce = perBatch is { } each ? Math.Max(1, parallelism!.Value / each) : (int?)null;
        var batches = items.Chunk(Size).Select((chunk, index) => (Func<Task<IReadOnlyList<NodeResult>>>)(() =>
            run.CallLoopBatchAsync(loop, index, chunk, scope, perBatch))).ToList();
        var results = await Throttle.RunAsync(batches, atOnce);
        return results.SelectMany(r => r).ToArray();
    }
}
