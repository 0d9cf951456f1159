using System.Diagnostics;
using System.Text;

namespace Durango.Engine.Executors;

/// <summary>
/// What the runtimes that start processes (process, docker) share: streaming a process's output into the node's
/// log, ending a process tree, removing a work folder.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>Appends each line of <paramref name="reader"/> to <paramref name="log"/> as it comes, and to <paramref name="capture"/> if given.</summary>
    public static async Task PumpAsync(StreamReader reader, NodeLog log, StringBuilder? capture)
    {
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            capture?.Append(line).Append('\n');
            await log.WriteLineAsync(line, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Kills <paramref name="process"/> and its descendants; nothing when it has exited.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Deletes <paramref name="directory"/> if it exists; a file still held open leaves it for the node's next run to reuse.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            // Most steps leave their folder empty: one rmdir, without listing it first.
            Directory.Delete(directory, recursive: false);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException)
        {
            TryDeleteTree(directory);
        }
        catch (UnauthorizedAccessException)
        {
            // See below.
        }
    }

    private static void TryDeleteTree(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // See above.
        }
    }
}
