using System.Diagnostics;
using Microsoft.DurableTask;

namespace Durango.Bench.StartFloor;

/// <summary>The orchestration: one activity call.</summary>
internal sealed class RunStep : TaskOrchestrator<string[], int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, string[] input) =>
        context.CallActivityAsync<int>(nameof(SpawnStep), input);
}

/// <summary>The activity: the command as a child process, its output read; the result is its exit code.</summary>
internal sealed class SpawnStep : TaskActivity<string[], int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string[] input)
    {
        var start = new ProcessStartInfo(input[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in input.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {input[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(output, error).ConfigureAwait(false);
        return process.ExitCode;
    }
}
