using Durango.Api.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durango.Server.Tests.Api;

/// <summary>
/// The answer timeout cuts off reads only. A change that storage is slow to take runs to its end and is answered with
/// its own result: a 503 tells a client to send it again, so a create answered 503 that went on to happen would be
/// made twice (seen as two workflows from one <c>generateName</c> submission when the machine was loaded).
/// </summary>
public sealed class StorageBreakerTests
{
    private static readonly ApiOptions Options = new() { AnswerTimeout = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task SlowRead_IsAnswered503WithRetryAfter()
    {
        var result = await ApiGuard.RunAsync(() => SlowAsync(TimeSpan.FromSeconds(2)), new StorageBreaker(Options), abandonable: true, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(503, result.Status);
        Assert.Equal(ApiGuard.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Headers["Retry-After"]);
    }

    [Fact]
    public async Task SlowChange_RunsToItsEnd_AndIsAnsweredWithItsResult()
    {
        var done = 0;
        var result = await ApiGuard.RunAsync(
            async () =>
            {
                var answer = await SlowAsync(TimeSpan.FromMilliseconds(500));
                Interlocked.Increment(ref done);
                return answer;
            },
            new StorageBreaker(Options),
            abandonable: false,
            NullLogger.Instance,
            CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.Equal(1, done);
    }

    private static async Task<ApiResult> SlowAsync(TimeSpan delay)
    {
        await Task.Delay(delay);
        return ApiResult.Ok(new { done = true });
    }
}
