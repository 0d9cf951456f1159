
using Microsoft.Extensions.Logging;

namespace Durango.Api.Http;

/// <summary>
/// Runs an endpoint so that nothing but an answer leaves it: bad query values are a 400, storage that cannot be
/// reached a 503 with <c>Retry-After</c>, a bug a 500 with an id to find in the log; never a stack trace.
/// </summary>
public static partial class ApiGuard
{
    /// <summary>How long a client should wait before trying again when storage is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// Runs <paramref name="handler"/> through <paramref name="breaker"/>, turning exceptions into answers. Only an
    /// <paramref name="abandonable"/> request (a read) is answered 503 when storage is slow; see <see cref="StorageBreaker.RunAsync"/>.
    /// </summary>
    public static async Task<ApiResult> RunAsync(Func<Task<ApiResult>> handler, StorageBreaker breaker, bool abandonable, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await breaker.RunAsync(handler, abandonable, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Fail(ArgoCode.Cancelled, "the client went away");
        }
        catch (FormatException e)
        {
            return ApiResult.Fail(ArgoCode.InvalidArgument, e.Message);
        }
        catch (Exception e) when (IsStorageOutage(e) || e is Polly.CircuitBreaker.BrokenCircuitException)
        {
            StorageUnavailable(logger, e.GetType().Name);
            var result = ApiResult.Fail(ArgoCode.Unavailable, $"storage is unavailable; try again in {RetryAfterSeconds} s");
            result.Headers["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var id = Guid.NewGuid().ToString("N")[..12];
            Failed(logger, e, id);
            return ApiResult.Fail(ArgoCode.Internal, $"internal error {id}; the server log has the details");
        }
    }

    /// <summary>True for the failures of storage that is down or unreachable, as opposed to a bug.</summary>
    public static bool IsStorageOutage(Exception e) => e switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageOutage),
        _ when e.InnerException is { } inner => IsStorageOutage(inner),
        _ => false,
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Request failed with internal error {Id}")]
    private static partial void Failed(ILogger logger, Exception exception, string id);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Storage unavailable ({Kind}); answered 503")]
    private static partial void StorageUnavailable(ILogger logger, string kind);
}
