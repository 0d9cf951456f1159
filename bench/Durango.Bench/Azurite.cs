using System.Diagnostics;

namespace Durango.Bench;

/// <summary>A local Azurite for the Azure Storage cases, through tests/azurite/azurite.sh (free loopback ports).</summary>
internal static class Azurite
{
    /// <summary>Starts one with its data under <paramref name="directory"/>; its connection string.</summary>
    public static async Task<string> StartAsync(string directory) => (await RunAsync("start", directory).ConfigureAwait(false)).Trim();

    /// <summary>Stops the one under <paramref name="directory"/>.</summary>
    public static Task StopAsync(string directory) => RunAsync("stop", directory);

    private static async Task<string> RunAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(Repository.Root, "tests", "azurite", "azurite.sh"), command, directory })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"azurite.sh {command} failed");
    }
}
