using Microsoft.Extensions.Logging;

namespace Durango.Engine;

/// <summary>The engine's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Leaf {Node} of workflow {Workflow} crashed in its executor")]
    public static partial void LeafCrashed(ILogger logger, Exception exception, string workflow, string node);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not record the final state of {Node} of workflow {Workflow}; the orchestration will")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string workflow, string node);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Could not write the end of the log of {Node} of workflow {Workflow}")]
    public static partial void LogWriteFailed(ILogger logger, Exception exception, string workflow, string node);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Could not store the outputs of {Node} of workflow {Workflow} after it ran; the node errors rather than running again")]
    public static partial void OutputsLost(ILogger logger, Exception exception, string workflow, string node);
}
