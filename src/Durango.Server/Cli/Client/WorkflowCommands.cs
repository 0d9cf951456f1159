using Durango.Api.Http;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli.Client;

/// <summary>
/// The workflow commands of the client that read, as <c>argo</c> names them: <c>list</c>, <c>get</c>, <c>logs</c>,
/// <c>wait</c>, <c>watch</c> (<see cref="SubmitCommand"/> submits, <see cref="WorkflowActionCommands"/> acts).
/// </summary>
internal static class WorkflowCommands
{
    /// <summary>The exit code after Ctrl+C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    public static async Task<int> ListAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var query = WorkflowQuery.From(args);
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var items = await query.ListAsync(client).ConfigureAwait(false);
            await stdout.WriteAsync(WorkflowListPrinter.Render(items, args.Output, query.AllNamespaces, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task<int> GetAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var view = await client.GetAsync(await client.ResolveAsync(name).ConfigureAwait(false)).ConfigureAwait(false);
            await SubmitCommand.PrintAsync(view, args.Output, stdout).ConfigureAwait(false);
        }, name: name).ConfigureAwait(false);
    }

    /// <summary><c>durango wait NAME...</c>, as <c>argo wait</c>: blocks until each workflow ends, printing <c>NAME PHASE at TIME</c>; exit 0 iff all Succeeded.</summary>
    public static async Task<int> WaitAsync(CliArguments args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        using var client = ApiClient.From(args);
        var succeeded = true;
        var code = await GuardAsync(stderr, async () =>
        {
            foreach (var target in args.Positional)
            {
                var name = await client.ResolveAsync(target).ConfigureAwait(false);
                WorkflowView? last = null;
                await foreach (var view in SubmitCommand.UntilFinishedAsync(client, name, interrupt).ConfigureAwait(false))
                {
                    last = view;
                }

                succeeded &= last?.Status.Phase == WorkflowPhase.Succeeded;
                await stdout.WriteLineAsync($"{name} {last?.Status.Phase} at {last?.Status.FinishedAt:yyyy-MM-dd HH:mm:ss zzz}").ConfigureAwait(false);
            }
        }, name: args.Positional.Count == 1 ? args.Positional[0] : null).ConfigureAwait(false);
        return code == CommandLine.Ok && !succeeded ? CommandLine.Failed : code;
    }

    /// <summary><c>durango watch NAME</c>, as <c>argo watch</c>: the workflow's tree, redrawn until it ends; exit 0 iff it Succeeded.</summary>
    public static async Task<int> WatchAsync(CliArguments args, CliConsole console, CancellationToken interrupt)
    {
        using var client = ApiClient.From(args);
        WorkflowView? last = null;
        var code = await GuardAsync(console.Error, async () =>
        {
            var name = await client.ResolveAsync(args.Positional[0]).ConfigureAwait(false);
            last = await LiveTree.FollowAsync(console, SubmitCommand.UntilFinishedAsync(client, name, interrupt)).ConfigureAwait(false);
        }, name: args.Positional[0]).ConfigureAwait(false);
        return code == CommandLine.Ok && last?.Status.Phase != WorkflowPhase.Succeeded ? CommandLine.Failed : code;
    }

    public static async Task<int> LogsAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional[0];
        var node = args.Positional.Count > 1 ? args.Positional[1] : args.Option("--node");
        var tail = args.Option("--tail") is { } text
            ? int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= -1 ? n : throw new CliUsageException($"--tail '{text}' must be a number of lines (-1: all)")
            : -1;
        var grep = args.Option("--grep") is { } pattern ? new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)) : null;
        using var client = ApiClient.From(args);
        return await GuardAsync(stderr, async () =>
        {
            var lines = client.LogsAsync(await client.ResolveAsync(name).ConfigureAwait(false), node, args.Flags.Contains("--follow"));
            var kept = new Queue<string>();
            await foreach (var (pod, content) in lines.ConfigureAwait(false))
            {
                if (grep is not null && !grep.IsMatch(content))
                {
                    continue;
                }

                if (tail < 0)
                {
                    await stdout.WriteLineAsync($"{pod}: {content}").ConfigureAwait(false);
                    await stdout.FlushAsync().ConfigureAwait(false);
                    continue;
                }

                // --tail keeps the last lines of each answer, as Kubernetes' tailLines does per container.
                kept.Enqueue($"{pod}: {content}");
                while (kept.Count > tail)
                {
                    kept.Dequeue();
                }
            }

            foreach (var line in kept)
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
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
}
