using Polly;
using Polly.Retry;

namespace Durango.Engine.Activities;

/// <summary>
/// Retries of the leaf activity's store calls (node records, output values). The activity itself has no Durable
/// retry, because a retry would run the user's step again; a storage hiccup is retried here, alone, instead.
/// </summary>
internal static class StoreRetry
{
    /// <summary>Five attempts over about 7.5 s (0.5, 1, 2, 4 s apart, with jitter); cancellation is not retried.</summary>
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException and not OutOfMemoryException),
        })
        .Build();

    /// <summary>Runs <paramref name="call"/> with retries.</summary>
    public static ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken = default) =>
        Pipeline.ExecuteAsync(call, cancellationToken);

    /// <summary>Runs <paramref name="call"/> with retries.</summary>
    public static ValueTask RunAsync(Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken = default) =>
        Pipeline.ExecuteAsync(call, cancellationToken);
}
