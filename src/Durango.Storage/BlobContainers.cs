using System.Text.RegularExpressions;

namespace Durango.Storage;

/// <summary>
/// The names of Durango's containers: <c>{hub}-nodes</c>, <c>{hub}-logs</c>, <c>{hub}-outputs</c> and
/// <c>{hub}-templates</c> (and <c>{hub}-artifacts</c>, <c>{hub}-memo</c>), where <c>{hub}</c> is the task hub name in lower case, so that task hubs sharing an
/// account (a test per hub, staging beside production) never see each other's blobs.
/// </summary>
public sealed partial record BlobContainers(string Nodes, string Logs, string Outputs, string Templates)
{
    /// <summary>The default artifact repository's container, <c>{hub}-artifacts</c>.</summary>
    public string Artifacts => Nodes[..^"-nodes".Length] + "-artifacts";

    /// <summary>Memoization caches (<c>{hub}-memo</c>): <c>{namespace}/{cache}/{key}.json</c>; they outlive workflows.</summary>
    public string Memo { get; init; } = string.Empty;

    /// <summary>The containers of task hub <paramref name="taskHub"/>; a clear error when the name cannot make container names.</summary>
    public static BlobContainers For(string taskHub)
    {
        if (!HubName().IsMatch(taskHub))
        {
            throw new ArgumentException($"task hub name '{taskHub}' must be 3 to 45 letters and digits, starting with a letter (Durable Task's rule)", nameof(taskHub));
        }

        var prefix = taskHub.ToLowerInvariant();
        return new BlobContainers($"{prefix}-nodes", $"{prefix}-logs", $"{prefix}-outputs", $"{prefix}-templates") { Memo = $"{prefix}-memo" };
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubName();
}
