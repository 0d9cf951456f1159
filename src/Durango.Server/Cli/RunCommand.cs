using System.Text.Json;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Hosting;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango run FILE [-p name=value]... [--output text|json] [--log] [--storage CONNECTION|URI] [--task-hub NAME]</c>: validates the workflow, runs it to its end
/// on the embedded backend while showing its node tree (as <c>argo submit --watch</c>), then prints the result, and
/// with <c>--log</c> every node's log (as <c>argo submit --log</c>). Exit code 0
/// only when the workflow Succeeded; an invalid spec prints its diagnostics and runs nothing. Ctrl+C stops the
/// workflow (exit handlers still run).
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        if (args.Positional.Count != 1)
        {
            throw new CliUsageException("run needs exactly one FILE");
        }

        var file = args.Positional[0];
        if (await WorkflowFile.ReadAsync(file).ConfigureAwait(false) is not { } text)
        {
            await stderr.WriteLineAsync($"{file}:1:1: error: cannot read the file; check the path").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        var configuration = CliConfiguration.Build(args);
        await using var runtime = await EmbeddedRuntime.StartAsync(configuration, CliConfiguration.Backend(args, configuration)).ConfigureAwait(false);
        var outcome = await runtime.Workflows.SubmitAsync(new SubmitRequest(text, file, args.Parameters)).ConfigureAwait(false);
        if (outcome.Status != SubmitStatus.Accepted)
        {
            await DiagnosticPrinter.PrintAsync(outcome.Diagnostics, args.Output, args.Output == "json" ? stdout : stderr).ConfigureAwait(false);
            await stderr.WriteLineAsync($"durango: {outcome.Message}").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        var name = outcome.Name!;
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var view = await WatchAsync(runtime.Workflows, name, args.Output == "text" && interactive ? stdout : null, stop.Token).ConfigureAwait(false);
            if (args.Output == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(view, WorkflowJson.Indented)).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteAsync(WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
                if (args.Flags.Contains("--log"))
                {
                    await stdout.WriteLineAsync().ConfigureAwait(false);
                    await foreach (var line in runtime.Workflows.LogsAsync(name, node: null, follow: false).ConfigureAwait(false))
                    {
                        await stdout.WriteLineAsync($"{line.NodeName}: {line.Text}").ConfigureAwait(false);
                    }
                }
            }

            return view.Status.Phase == WorkflowPhase.Succeeded ? CommandLine.Ok : CommandLine.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Polls until the workflow ends, redrawing its tree on an interactive terminal; Ctrl+C stops it once.</summary>
    private static async Task<WorkflowView> WatchAsync(WorkflowService workflows, string name, TextWriter? screen, CancellationToken stop)
    {
        var stopping = false;
        while (true)
        {
            var view = await workflows.GetAsync(name, CancellationToken.None).ConfigureAwait(false);
            if (view is not null && view.Status.Phase.IsFinished())
            {
                return view;
            }

            if (stop.IsCancellationRequested && !stopping)
            {
                stopping = true;
                await workflows.StopAsync(name, CancellationToken.None).ConfigureAwait(false);
            }

            if (screen is not null && view is not null)
            {
                // Clear the screen and draw the tree again, as `argo submit --watch` does.
                await screen.WriteAsync("\u001b[H\u001b[2J" + WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            }

            await Task.Delay(Refresh, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
