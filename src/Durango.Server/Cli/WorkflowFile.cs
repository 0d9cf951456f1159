namespace Durango.Server.Cli;

/// <summary>
/// Reads a workflow file (or standard input for <c>-</c>) without throwing: the text, or the system's reason it cannot
/// be read (<c>Could not find file '/abs/path'</c>, <c>Access to the path ... is denied</c>).
/// </summary>
internal static class WorkflowFile
{
    public static async Task<(string? Text, string? Error)> ReadAsync(string path)
    {
        try
        {
            return (path == "-"
                ? await Console.In.ReadToEndAsync().ConfigureAwait(false)
                : await File.ReadAllTextAsync(path).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, e.Message.TrimEnd('.'));
        }
    }

    /// <summary>The line printed when <paramref name="path"/> cannot be read: <c>path: error: cannot read the file: reason</c>.</summary>
    public static string Unreadable(string path, string error) => $"{path}: error: cannot read the file: {error}";
}
