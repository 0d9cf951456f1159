namespace Durango.Server.Cli;

/// <summary>Reads a workflow file (or standard input for <c>-</c>) without throwing.</summary>
internal static class WorkflowFile
{
    public static async Task<string?> ReadAsync(string path)
    {
        try
        {
            return path == "-"
                ? await Console.In.ReadToEndAsync().ConfigureAwait(false)
                : await File.ReadAllTextAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
