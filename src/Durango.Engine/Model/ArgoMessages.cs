using System.Globalization;

namespace Durango.Engine.Model;

/// <summary>The messages Argo gives nodes and workflows, word for word, so that users and tools can match on them.</summary>
public static class ArgoMessages
{
    /// <summary>Nodes and workflow stopped by Argo's <c>stop</c>.</summary>
    public const string Stopped = "Stopped with strategy 'Stop'";

    /// <summary>Nodes and workflow ended by Argo's <c>terminate</c>.</summary>
    public const string Terminated = "Stopped with strategy 'Terminate'";

    /// <summary>Nodes stopped by the workflow's (or an enclosing template's) deadline.</summary>
    public const string DeadlineExceeded = "Step exceeded its deadline";

    /// <summary>A node that ran past its own <c>activeDeadlineSeconds</c> or <c>timeout</c>.</summary>
    public const string PodDeadlineExceeded = "Pod was active on the node longer than the specified deadline";

    /// <summary>A node that waited (for a lock) past its template's <c>timeout</c> before it ran (upstream's <c>ErrTimeout</c>).</summary>
    public const string Timeout = "timeout";

    /// <summary>A retry node whose attempts are used up.</summary>
    public const string NoMoreRetries = "No more retries left";

    /// <summary>A container that exited non-zero.</summary>
    public static string ExitCode(int exitCode) => string.Create(CultureInfo.InvariantCulture, $"Error (exit code {exitCode})");
}
