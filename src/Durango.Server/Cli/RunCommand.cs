using System.Runtime.CompilerServices;
using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Server.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango run FILE [-p name=value]... [--output text|json] [--log] [--storage CONNECTION|URI] [--task-hub NAME]</c>: validates the workflow, runs it to its end
/// on the embedded backend while showing its node tree (as <c>argo submit --watch</c>), then prints the result, and
/// with <c>--log</c> every node's log (as <c>argo submit --log</c>). Exit code 0
/// only when the workflow Succeeded; an invalid spec prints its diagnostics and runs nothing. Ctrl+C stops the
/// workflow (exit handlers still run) and waits for its end; a second Ctrl+C quits at once.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken interrupt)
    {
        var file = args.Positional[0];
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await console.Error.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        ParameterCheck.Check(text, file, args.Parameters);
        var configuration = CliConfiguration.Build(args);
        await using var runtime = await EmbeddedRuntime.StartAsync(configuration, CliConfiguration.Backend(args, configuration)).ConfigureAwait(false);
        var outcome = await runtime.Workflows.SubmitAsync(new SubmitRequest(text, file, args.Parameters), CancellationToken.None).ConfigureAwait(false);
        if (outcome.Status != SubmitStatus.Accepted)
        {
            await DiagnosticPrinter.PrintAsync(outcome.Diagnostics, args.Output, args.Output == "json" ? console.Out : console.Error).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"durango: {outcome.Message}").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        var name = outcome.Name!;
        var updates = FollowAsync(runtime, name, live: args.Output != "json" && console.Screen is not null, console.Error, interrupt);
        WorkflowView? view = null;
        if (args.Output == "json")
        {
            // The last update is the workflow at its end: printed as it is, not read (and built, every node) again.
            await foreach (var update in updates.ConfigureAwait(false))
            {
                view = update;
            }

            await JsonOutput.WriteAsync(console.Out, view, WorkflowJson.Indented).ConfigureAwait(false);
        }
        else
        {
            view = await LiveTree.FollowAsync(console, updates).ConfigureAwait(false);
            if (args.Flags.Contains("--log"))
            {
                await console.Out.WriteLineAsync().ConfigureAwait(false);
                await foreach (var line in runtime.Workflows.LogsAsync(name, node: null, follow: false, CancellationToken.None).ConfigureAwait(false))
                {
                    await console.Out.WriteLineAsync($"{line.NodeName}: {line.Text}").ConfigureAwait(false);
                }
            }
        }

        return view?.Status.Phase == WorkflowPhase.Succeeded ? CommandLine.Ok : CommandLine.Failed;
    }

    /// <summary>
    /// The workflow as it runs, until it ends: with a live screen every <see cref="Refresh"/>, and at once when it ends;
    /// without one (nothing is drawn while it runs) only its end. The end comes from the durable client's wait, not a
    /// poll. The first Ctrl+C stops the workflow (Argo's stop: exit handlers run) and the wait goes on.
    /// </summary>
    private static async IAsyncEnumerable<WorkflowView> FollowAsync(
        EmbeddedRuntime runtime, string name, bool live, TextWriter stderr, CancellationToken interrupt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var workflows = runtime.Workflows;
        var ended = runtime.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(name, getInputsAndOutputs: false, CancellationToken.None);
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onInterrupt = interrupt.Register(() => interrupted.TrySetResult());
        var stopping = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var over = ended.IsCompleted;
            if (live || over)
            {
                var view = await workflows.GetAsync(name, CancellationToken.None).ConfigureAwait(false);
                if (view is not null)
                {
                    yield return view;
                }

                if (over || view?.Status.Phase.IsFinished() == true)
                {
                    yield break;
                }
            }

            if (interrupt.IsCancellationRequested && !stopping)
            {
                stopping = true;
                await stderr.WriteLineAsync($"durango: stopping workflow {name}; its exit handlers run before it ends (Ctrl+C again quits now)").ConfigureAwait(false);
                await workflows.StopAsync(name, CancellationToken.None).ConfigureAwait(false);
            }

            await Task.WhenAny(ended, live ? Task.Delay(Refresh, CancellationToken.None) : stopping ? ended : interrupted.Task).ConfigureAwait(false);
        }
    }
}
