using Polly;
using Polly.CircuitBreaker;

namespace Durango.Api.Http;

/// <summary>
/// Keeps the API quick when storage is down: an answer that storage does not give within
/// <see cref="ApiOptions.AnswerTimeout"/> counts as an outage, and after two outages in a row the circuit opens, so for
/// <see cref="ApiGuard.RetryAfterSeconds"/> every request is answered 503 at once instead of waiting on retries
/// (Polly's circuit breaker). One per host: a test process may run several.
/// </summary>
public sealed class StorageBreaker
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _timeout;

    /// <summary>A breaker with the timeout of <paramref name="options"/>.</summary>
    public StorageBreaker(ApiOptions options)
    {
        _timeout = options.AnswerTimeout;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(ApiGuard.RetryAfterSeconds),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ApiGuard.IsStorageOutage),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="handler"/> through the breaker; throws <see cref="BrokenCircuitException"/> while it is open.
    /// Only an <paramref name="abandonable"/> handler (a read) is cut off after the answer timeout: a change (create,
    /// stop, delete, ...) that storage is slow to take runs to its end, because a 503 tells the client to send it again,
    /// and a create answered 503 that went on to happen would be made twice. Storage that is down fails a change through
    /// the storage client's own retries, so nothing of it happened when it is answered 503.
    /// </summary>
    public async Task<ApiResult> RunAsync(Func<Task<ApiResult>> handler, bool abandonable, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            async token => abandonable
                ? await handler().WaitAsync(_timeout, token).ConfigureAwait(false)
                : await handler().WaitAsync(token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
}
