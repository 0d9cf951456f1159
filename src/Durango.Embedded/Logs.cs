using Microsoft.Extensions.Logging;

namespace Durango.Embedded;

/// <summary>The embedded backend's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Dropped {Count} message(s) for {Instance}, which was deleted")]
    public static partial void DroppedForDeletedInstance(ILogger logger, string instance, int count);
}
