using System.Diagnostics;

namespace Durango.Testing;

/// <summary>
/// A real Azurite on 127.0.0.1 with its own data folder and free ports, started and stopped through
/// <c>tests/azurite/azurite.sh</c> (the script developers use). Tests that need it fail, loudly, when Azurite is not
/// installed: <c>bash tests/azurite/azurite.sh install</c>, which the README's test command runs.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly string Script = Repository.PathOf("tests", "azurite", "azurite.sh");
    private readonly string _directory;

    private AzuriteServer(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string: loopback endpoints, Azurite's public development key.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts an Azurite of its own.</summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "durango-azurite", Guid.NewGuid().ToString("N"));
        var connectionString = await RunScriptAsync("start", directory).ConfigureAwait(false);
        return new AzuriteServer(directory, connectionString.Trim());
    }

    /// <summary>Stops Azurite, keeping its data and ports.</summary>
    public Task StopAsync() => RunScriptAsync("stop", _directory);

    /// <summary>Starts this Azurite again on the same ports with the same data.</summary>
    public Task RestartAsync() => RunScriptAsync("start", _directory);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the folder is under the temp directory anyway.
        }
    }

    private static async Task<string> RunScriptAsync(string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Script, command, directory })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"azurite.sh {command} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }
}
