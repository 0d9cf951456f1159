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
            var submitted = await client.SubmitAsync(text, args.Parameters, args.Option("--generate-name")).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Name:           {submitted.Name}").ConfigureAwait(false);
            if (!args.Flags.Contains("--watch"))
            {
                return CommandLine.Ok;
            }

            var view = await WatchAsync(client, submitted.Name, Console.IsOutputRedirected || stdout != Console.Out ? null : stdout).ConfigureAwait(false);
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
            var page = await client.ListAsync(args.Option("--phase"), args.Option("--labels") ?? args.Option("-l"), args.Option("--prefix")).ConfigureAwait(false);
            if (args.Output == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(page.Items, WorkflowJson.Indented)).ConfigureAwait(false);
                return;
            }

            var rows = page.Items.Select(i => new[]
            {
                i.Name, i.Phase.ToString(), Age(i.CreationTimestamp),
                i.StartedAt is { } s ? WorkflowPrinter.Duration((i.FinishedAt ?? DateTimeOffset.UtcNow) - s) : string.Empty,
                i.Message ?? string.Empty,
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
            await foreach (var line in client.LogsAsync(name, args.Option("--node"), args.Flags.Contains("--follow")).ConfigureAwait(false))
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
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
            var done = await client.ControlAsync(name, action).ConfigureAwait(false);
            await stdout.WriteLineAsync($"workflow {done.Name} {done.Action}").ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> ResubmitAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = Name(args, "resubmit");
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var submitted = await client.ResubmitAsync(name).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Name:           {submitted.Name}").ConfigureAwait(false);
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
        foreach (var d in e.Error.Diagnostics ?? [])
        {
            var where = d.Line is { } line ? $"{file ?? d.File}:{line}:{d.Column}" : file ?? d.File ?? "<input>";
            var path = string.IsNullOrEmpty(d.Path) ? string.Empty : $" ({d.Path})";
            await stderr.WriteLineAsync($"{where}: {d.Severity}: {d.Message}{path}").ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"durango: {e.Error.Message}").ConfigureAwait(false);
        return CommandLine.Failed;
    }

    private static async Task<WorkflowView> WatchAsync(ApiClient client, string name, TextWriter? screen)
    {
        while (true)
        {
            var view = await client.GetAsync(name).ConfigureAwait(false);
            if (view.Status.Phase.IsFinished())
            {
                return view;
            }

            if (screen is not null)
            {
                await screen.WriteAsync("\u001b[H\u001b[2J" + WorkflowPrinter.Render(view, DateTimeOffset.UtcNow)).ConfigureAwait(false);
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }

    private static string Name(CliArguments args, string command) =>
        args.Positional.Count == 1 ? args.Positional[0] : throw new CliUsageException($"{command} needs exactly one workflow NAME");

    private static string Age(DateTimeOffset created) => WorkflowPrinter.Duration(DateTimeOffset.UtcNow - created);
}
