using System.Runtime.CompilerServices;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli.Client;

/// <summary>
/// The workflow commands of the client, as <c>argo</c> names them: <c>submit</c>, <c>list</c>, <c>get</c>,
/// <c>logs</c>, <c>stop</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>, <c>retry</c>, <c>resubmit</c>, <c>delete</c>.
/// </summary>
internal static class WorkflowCommands
{
    /// <summary>argo's workflow actions, each a command of its own.</summary>
    /// <summary>The exit code after Ctrl+C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    public static readonly (string Name, string Description)[] Actions =
    [
        ("stop", "Stop a workflow: running steps fail, nothing new starts, exit handlers run"),
        ("terminate", "Terminate a workflow at once: no exit handler runs"),
        ("suspend", "Suspend a workflow: nothing new starts until it is resumed"),
        ("resume", "Resume a suspended workflow"),
        ("retry", "Retry a Failed or Error workflow: succeeded steps keep their results"),
        ("resubmit", "Submit a new workflow from the same spec and parameters"),
        ("delete", "Delete a workflow, its history, logs and outputs"),
    ];

    public static async Task<int> SubmitAsync(CliArguments args, CliConsole console, CancellationToken interrupt)
    {
        var file = args.Positional[0];
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await console.Error.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        ParameterCheck.Check(text, file, args.Parameters);
        using var client = ApiClient.From(args);
        string? name = null;
        try
        {
            var submitted = await client.CreateAsync(text, args.Parameters, args.Option("--generate-name"), file).ConfigureAwait(false);
            name = submitted.Metadata.Name;
            if (!args.Flags.Contains("--watch"))
            {
                await console.Out.WriteLineAsync($"Name:           {name}").ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Namespace:      {submitted.Metadata.Namespace}").ConfigureAwait(false);
                return CommandLine.Ok;
            }

            var view = await LiveTree.FollowAsync(console, UntilFinishedAsync(client, name, interrupt)).ConfigureAwait(false);
            return view?.Status.Phase == WorkflowPhase.Succeeded ? CommandLine.Ok : CommandLine.Failed;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested && name is not null)
        {
            // Ctrl+C ends the watch, not the workflow: say so, and how to act on it.
            await console.Error.WriteLineAsync($"durango: stopped watching; workflow {name} goes on on the server ('durango get {name}' shows it, 'durango stop {name}' stops it)").ConfigureAwait(false);
            return Interrupted;
        }
        catch (ApiException e)
        {
            return await ReportAsync(e, console.Error, file).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return await UnreachableAsync(e, console.Error).ConfigureAwait(false);
        }
    }

    public static async Task<int> ListAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var selector = string.Join(',', new[]
            {
                args.Option("--selector"),
                args.Option("--phase") is { } phase ? $"{ArgoLabels.Phase} in ({phase})" : null,
            }.Where(s => s is not null));
            var page = await client.ListAsync(selector.Length == 0 ? null : selector, args.Flags.Contains("--all-namespaces")).ConfigureAwait(false);
            var items = page.Items ?? [];
            if (args.Output == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(items, WorkflowJson.Indented)).ConfigureAwait(false);
                return;
            }

            var rows = items.Select(i => new[]
            {
                i.Metadata.Name, i.Status.Phase.ToString(), Age(i.Metadata.CreationTimestamp),
                i.Status.StartedAt is { } s ? WorkflowPrinter.Duration((i.Status.FinishedAt ?? DateTimeOffset.UtcNow) - s) : string.Empty,
                i.Status.Message ?? string.Empty,
            }).Prepend(["NAME", "STATUS", "AGE", "DURATION", "MESSAGE"]).ToList();
            var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
            {
                await stdout.WriteLineAsync(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    public static async Task<int> GetAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var view = await client.GetAsync(name).ConfigureAwait(false);
            await stdout.WriteAsync(args.Output == "json"
                ? JsonSerializer.Serialize(view, WorkflowJson.Indented) + Environment.NewLine
                : WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        }, name: name).ConfigureAwait(false);
    }

    public static async Task<int> LogsAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            await foreach (var (pod, content) in client.LogsAsync(name, args.Option("--node"), args.Flags.Contains("--follow")).ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"{pod}: {content}").ConfigureAwait(false);
                await stdout.FlushAsync().ConfigureAwait(false);
            }
        }, name: name).ConfigureAwait(false);
    }

    public static async Task<int> ActionAsync(string action, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            switch (action)
            {
                case "delete":
                    await client.DeleteAsync(name).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"Workflow '{name}' deleted").ConfigureAwait(false);
                    break;
                case "resubmit":
                    var submitted = await client.ActionAsync(name, "resubmit").ConfigureAwait(false);
                    await stdout.WriteLineAsync($"Name:           {submitted.Metadata.Name}").ConfigureAwait(false);
                    break;
                default:
                    var view = await client.ActionAsync(name, action).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"workflow {view.Metadata.Name} {Past(action)}").ConfigureAwait(false);
                    break;
            }
        }, name: name).ConfigureAwait(false);
    }

    /// <summary>Runs a client call, printing the server's error (and diagnostics) instead of throwing.</summary>
    public static async Task<int> GuardAsync(TextWriter stderr, Func<Task> call, string? file = null, string? name = null)
    {
        try
        {
            await call().ConfigureAwait(false);
            return CommandLine.Ok;
        }
        catch (ApiException e)
        {
            return await ReportAsync(e, stderr, file, name).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return await UnreachableAsync(e, stderr).ConfigureAwait(false);
        }
    }

    private static async Task<int> UnreachableAsync(HttpRequestException e, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"durango: cannot reach the server: {e.Message}; start one with 'durango serve' or pass --server URL").ConfigureAwait(false);
        return CommandLine.Failed;
    }

    private static async Task<int> ReportAsync(ApiException e, TextWriter stderr, string? file, string? name = null)
    {
        foreach (var d in e.Error.Details ?? [])
        {
            var where = d.Line is { } line ? $"{file ?? d.File}:{line}:{d.Column}" : file ?? d.File ?? "<input>";
            var path = string.IsNullOrEmpty(d.Path) ? string.Empty : $" ({d.Path})";
            await stderr.WriteLineAsync($"{where}: {d.Severity}: {d.Message}{path}").ConfigureAwait(false);
        }

        var message = e.Error.Message;
        if (name is not null && e.Error.Code == (int)ArgoCode.NotFound)
        {
            // The server's hint names its HTTP route; on the command line the next step is a command.
            var cut = message.IndexOf("; list them", StringComparison.Ordinal);
            message = (cut > 0 ? message[..cut] : message) + "; 'durango list' shows the workflows";
        }

        await stderr.WriteLineAsync($"durango: {message}").ConfigureAwait(false);
        return CommandLine.Failed;
    }

    /// <summary>The workflow each time the server's watch stream says it changed, until it ends.</summary>
    private static async IAsyncEnumerable<WorkflowView> UntilFinishedAsync(ApiClient client, string name, [EnumeratorCancellation] CancellationToken interrupt)
    {
        await foreach (var view in client.WatchAsync(name, interrupt).ConfigureAwait(false))
        {
            yield return view;
            if (view.Status.Phase.IsFinished())
            {
                yield break;
            }
        }

        // The stream ended early (a proxy's timeout): the workflow as it is now.
        yield return await client.GetAsync(name).ConfigureAwait(false);
    }

    private static string Past(string action) => action switch
    {
        "stop" => "stopped",
        "terminate" => "terminated",
        "suspend" => "suspended",
        "resume" => "resumed",
        _ => "retried",
    };

    private static string Age(DateTimeOffset created) => WorkflowPrinter.Duration(DateTimeOffset.UtcNow - created);
}
