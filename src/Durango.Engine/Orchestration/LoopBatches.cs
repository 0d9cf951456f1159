using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Runs a loop's iterations: a small loop here, a large one in batches of <see cref="Size"/>, each a child
/// orchestration (<see cref="LoopBatchOrchestrator"/>). Replay re-schedules every task an orchestration started, so a
/// 1,000-item loop in one orchestration re-serializes every iteration's input at each replay; in batches, the loop's
/// orchestration replays a handful of batch calls and each batch its own iterations. Nodes, names and phases are the
/// same either way; <c>parallelism</c> holds across the batches.
/// </summary>
/// <remarks>
/// A batch replays its history once per group of completions that reach it together, not once per iteration: in a
/// fan-out on two cores completions arrive in groups, and a 200-item fan-out cost the same CPU in batches of 25 as of
/// 100 (issue 12, in memory). The size bounds the history each of those replays reads.
/// </remarks>
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

        var (atOnce, perBatch) = Split(parallelism);
        var batches = items.Chunk(Size).Select((chunk, index) => (Func<Task<IReadOnlyList<NodeResult>>>)(() =>
            run.CallLoopBatchAsync(loop, index, chunk, scope, perBatch))).ToList();
        var results = await Throttle.RunAsync(batches, atOnce);
        return results.SelectMany(r => r).ToArray();
    }

    /// <summary>
    /// How a loop's <paramref name="parallelism"/> is shared out over its batches: <c>AtOnce</c> batches run together,
    /// each running up to <c>PerBatch</c> iterations, so that no more than <paramref name="parallelism"/> run at once,
    /// and as near it as whole batches allow. At least two batches run together (32 is two of 16), so that while one
    /// batch drains its last iterations the next is already running, rather than the loop dropping to one iteration
    /// at each batch's end. Null for no cap.
    /// </summary>
    public static (int? AtOnce, int? PerBatch) Split(int? parallelism)
    {
        if (parallelism is not > 0)
        {
            return (null, null);
        }

        var atOnce = Math.Max((parallelism.Value + Size - 1) / Size, Math.Min(2, parallelism.Value));
        return (atOnce, parallelism.Value / atOnce);
    }
}
