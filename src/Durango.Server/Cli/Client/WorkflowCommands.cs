using System.Text.Json;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli.Client;

/// <summary>
/// The workflow commands of the client, as <c>argo</c> names them: <c>submit</c>, <c>list</c>, <c>get</c>,
/// <c>logs</c>, <c>stop</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>, <c>retry</c>, <c>resubmit</c>, <c>delete</c>.
/// </summary>
internal static class WorkflowCommands
{
    public static readonly string[] Controls = ["stop", "terminate", "suspend", "resume", "retry", "delete"];

    public static async Task<int> SubmitAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var file = args.Positional.Count == 1 ? args.Positional[0] : throw new CliUsageException("submit needs exactly one FILE");
        if (await WorkflowFile.ReadAsync(file).ConfigureAwait(false) is not { } text)
        {
            await stderr.WriteLineAsync($"{file}:1:1: error: cannot read the file; check the path").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        using var client = ApiClient.From(args);
        try
        {
            var submitted = await client.CreateAsync(text, args.Parameters, args.Option("--generate-name"), file).ConfigureAwait(false);
            if (!args.Flags.Contains("--watch"))
            {
                await stdout.WriteLineAsync($"Name:           {submitted.Metadata.Name}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"Namespace:      {submitted.Metadata.Namespace}").ConfigureAwait(false);
                return CommandLine.Ok;
            }

            var view = await WatchAsync(client, submitted.Metadata.Name, Console.IsOutputRedirected || stdout != Console.Out ? null : stdout).ConfigureAwait(false);
            await stdout.WriteAsync(WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            return view.Status.Phase == WorkflowPhase.Succeeded ? CommandLine.Ok : CommandLine.Failed;
        }
        catch (ApiException e)
        {
            return await ReportAsync(e, stderr, file).ConfigureAwait(false);
        }
    }

    public static async Task<int> ListAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var selector = string.Join(',', new[]
            {
                args.Option("--labels") ?? args.Option("-l"),
                args.Option("--phase") is { } phase ? $"{ArgoLabels.Phase} in ({phase})" : null,
            }.Where(s => s is not null));
            var page = await client.ListAsync(selector.Length == 0 ? null : selector, args.Flags.Contains("--all-namespaces") || args.Flags.Contains("-A")).ConfigureAwait(false);
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
        var name = Name(args, "get");
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var view = await client.GetAsync(name).ConfigureAwait(false);
            await stdout.WriteAsync(args.Output == "json"
                ? JsonSerializer.Serialize(view, WorkflowJson.Indented) + Environment.NewLine
                : WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> LogsAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = Name(args, "logs");
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            await foreach (var (pod, content) in client.LogsAsync(name, args.Option("--node"), args.Flags.Contains("--follow")).ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"{pod}: {content}").ConfigureAwait(false);
                await stdout.FlushAsync().ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    public static async Task<int> ControlAsync(string action, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = Name(args, action);
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            if (action == "delete")
            {
                await client.DeleteAsync(name).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Workflow '{name}' deleted").ConfigureAwait(false);
                return;
            }

            var view = await client.ActionAsync(name, action).ConfigureAwait(false);
            await stdout.WriteLineAsync($"workflow {view.Metadata.Name} {Past(action)}").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> ResubmitAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = Name(args, "resubmit");
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var submitted = await client.ActionAsync(name, "resubmit").ConfigureAwait(false);
            await stdout.WriteLineAsync($"Name:           {submitted.Metadata.Name}").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Runs a client call, printing the server's error (and diagnostics) instead of throwing.</summary>
    public static async Task<int> GuardAsync(TextWriter stderr, Func<Task> call, string? file = null)
    {
        try
        {
            await call().ConfigureAwait(false);
            return CommandLine.Ok;
        }
        catch (ApiException e)
        {
            return await ReportAsync(e, stderr, file).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await stderr.WriteLineAsync($"durango: cannot reach the server: {e.Message}; start one with 'durango serve' or pass --server URL").ConfigureAwait(false);
            return CommandLine.Failed;
        }
    }

    private static async Task<int> ReportAsync(ApiException e, TextWriter stderr, string? file)
    {
        foreach (var d in e.Error.Details ?? [])
        {
            var where = d.Line is { } line ? $"{file ?? d.File}:{line}:{d.Column}" : file ?? d.File ?? "<input>";
            var path = string.IsNullOrEmpty(d.Path) ? string.Empty : $" ({d.Path})";
            await stderr.WriteLineAsync($"{where}: {d.Severity}: {d.Message}{path}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"durango: {e.Error.Message}").ConfigureAwait(false);
        return CommandLine.Failed;
    }

    /// <summary>Follows the workflow through the server's watch stream until it ends, redrawing its tree on a terminal.</summary>
    private static async Task<WorkflowView> WatchAsync(ApiClient client, string name, TextWriter? screen)
    {
        using var done = new CancellationTokenSource();
        await foreach (var view in client.WatchAsync(name, done.Token).ConfigureAwait(false))
        {
            if (view.Status.Phase.IsFinished())
            {
                await done.CancelAsync().ConfigureAwait(false);
                return view;
            }

            if (screen is not null)
            {
                await screen.WriteAsync("\u001b[H\u001b[2J" + WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            }
        }

        return await client.GetAsync(name).ConfigureAwait(false);
    }

    private static string Past(string action) => action switch
    {
        "stop" => "stopped",
        "terminate" => "terminated",
        "suspend" => "suspended",
        "resume" => "resumed",
        _ => "retried",
    };

    private static string Name(CliArguments args, string command) =>
        args.Positional.Count == 1 ? args.Positional[0] : throw new CliUsageException($"{command} needs exactly one workflow NAME");

    private static string Age(DateTimeOffset created) => WorkflowPrinter.Duration(DateTimeOffset.UtcNow - created);
}
