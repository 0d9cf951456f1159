using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Durango.Api.Http;

/// <summary>
/// Runs an endpoint so that nothing but a JSON answer leaves it: a bug or an unavailable store becomes a 500 with an
/// id to find in the log, never a stack trace.
/// </summary>
public static partial class ApiGuard
{
    /// <summary>Runs <paramref name="handler"/>, turning exceptions into a 500 answer.</summary>
    public static async Task<ApiResult> RunAsync(Func<Task<ApiResult>> handler, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ApiResult.Error(499, "ClientClosedRequest", "the client went away");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var id = Guid.NewGuid().ToString("N")[..12];
            Failed(logger, e, id);
            return ApiResult.Error(StatusCodes.Status500InternalServerError, "Internal", $"internal error {id}; the server log has the details");
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Request failed with internal error {Id}")]
    private static partial void Failed(ILogger logger, Exception exception, string id);
}
