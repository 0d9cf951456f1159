using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// How orchestrations call activities that only read or write stores (node records, the memo cache, locks): such an
/// activity fails only on an infrastructure error, so it gets a few durable retries. The leaf activity gets none: it
/// runs the user's step, which must run once per attempt the user sees (it retries its own store calls instead).
/// </summary>
internal static class StoreActivityOptions
{
    /// <summary>Three attempts, one second apart, then two.</summary>
    public static TaskOptions Retrying { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2));
}
