using System.Diagnostics;

namespace Durango.Bench;

/// <summary>Whole processes, timed from start to exit, their output read and dropped.</summary>
internal static class Processes
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> (and <paramref name="environment"/> added to
    /// this process's); fails unless it exits with <paramref name="expectedExit"/>.
    /// </summary>
    public static async Task RunAsync(string program, IEnumerable<string> arguments, int expectedExit = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != expectedExit)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }

    /// <summary>
    /// The command line a shell needs to start <c>/bin/true</c> with the process runtime's isolation: a session and
    /// process group of its own (<c>setsid</c>) and a PID namespace with its own <c>/proc</c> (<c>unshare</c>, with
    /// <c>--user --map-root-user</c> where not root, as the runtime probes).
    /// </summary>
    public static async Task<string> IsolatedTrueAsync()
    {
        const string plain = "setsid unshare --pid --fork --mount-proc --kill-child /bin/true";
        try
        {
            await RunAsync("/bin/sh", ["-c", plain]).ConfigureAwait(false);
            return plain;
        }
        catch (InvalidOperationException)
        {
            return "setsid unshare --user --map-root-user --pid --fork --mount-proc --kill-child /bin/true";
        }
    }

    /// <summary>A shell running <paramref name="command"/> <paramref name="count"/> times in sequence: its time per run.</summary>
    public static async Task<TimeSpan> ShellLoopAsync(string command, int count) =>
        await Samples.TimeAsync(() => ShellLoopsAsync(command, count, shells: 1)).ConfigureAwait(false) / count;

    /// <summary><paramref name="shells"/> shells at once, each running <paramref name="command"/> in sequence, <paramref name="count"/> times in all.</summary>
    public static Task ShellLoopsAsync(string command, int count, int shells) =>
        RunAsync("/bin/bash", ["-c", $"for ((s = 0; s < {shells}; s++)); do (for ((i = s; i < {count}; i += {shells})); do {command}; done) & done; wait"]);
}
