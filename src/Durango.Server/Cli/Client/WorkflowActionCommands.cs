using System.Text.Json.Nodes;

namespace Durango.Server.Cli.Client;

/// <summary>
/// argo's workflow actions, each a command: <c>stop</c>, <c>terminate</c>, <c>suspend</c>, <c>resume</c>, <c>retry</c>,
/// <c>resubmit</c>, <c>delete</c>. Each takes workflow names (<c>@latest</c>: the newest) and, as argo's do, label and
/// field selectors; what each prints is argo's line (<c>workflow NAME stopped</c>) or, for retry and resubmit, the workflow.
/// </summary>
internal static class WorkflowActionCommands
{
    /// <summary>The actions and their help.</summary>
    public static readonly (string Name, string Description)[] Actions =
    [
        ("stop", "Stop workflows: running steps fail, nothing new starts, exit handlers run"),
        ("terminate", "Terminate workflows at once: no exit handler runs"),
        ("suspend", "Suspend workflows: nothing new starts until they are resumed"),
        ("resume", "Resume suspended workflows (or, with --node-field-selector, the suspend nodes picked)"),
        ("retry", "Retry Failed or Error workflows: succeeded steps keep their results"),
        ("resubmit", "Submit new workflows from the same spec and parameters"),
        ("delete", "Delete workflows, their history, logs and outputs"),
    ];

    public static async Task<int> RunAsync(string action, CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var query = WorkflowQuery.From(args);
        if (args.Positional.Count == 0 && !query.HasFilter)
        {
            throw new CliUsageException(action == "delete"
                ? "delete needs a NAME, or which workflows: --all, --completed, --prefix, --older, -l SELECTOR, --field-selector"
                : $"{action} needs a NAME or a selector (-l SELECTOR, --field-selector)");
        }

        using var client = ApiClient.From(args);
        return await WorkflowCommands.GuardAsync(stderr, async () =>
        {
            var targets = args.Positional.ToList();
            if (query.HasFilter)
            {
                targets.AddRange((await query.ListAsync(client).ConfigureAwait(false)).Select(w => w.Metadata.Name));
            }

            targets = targets.Distinct(StringComparer.Ordinal).ToList();
            if (action == "delete")
            {
                await DeleteAsync(client, targets, args.Flags.Contains("--dry-run"), stdout).ConfigureAwait(false);
                return;
            }

            foreach (var target in targets)
            {
                await ActAsync(client, action, target, args, stdout).ConfigureAwait(false);
            }
        }, name: args.Positional.Count == 1 ? args.Positional[0] : null).ConfigureAwait(false);
    }

    private static async Task ActAsync(ApiClient client, string action, string target, CliArguments args, TextWriter stdout)
    {
        if (args.Flags.Contains("--dry-run"))
        {
            // argo's dry runs print what would happen to the names as given, and ask the server nothing.
            await stdout.WriteLineAsync($"workflow {target} {Past(action)} (dry-run)").ConfigureAwait(false);
            return;
        }

        var name = await client.ResolveAsync(target).ConfigureAwait(false);
        var body = new JsonObject
        {
            ["nodeFieldSelector"] = args.Option("--node-field-selector"),
            ["message"] = args.Option("--message"),
        };
        if (args.Flags.Contains("--restart-successful"))
        {
            body["restartSuccessful"] = true;
        }

        if (args.Flags.Contains("--memoized"))
        {
            body["memoized"] = true;
        }

        if (args.Parameters.Count > 0)
        {
            body["parameters"] = new JsonArray(args.Parameters.Select(p => (JsonNode?)JsonValue.Create($"{p.Key}={p.Value}")).ToArray());
        }

        var view = await client.ActionAsync(name, action, body).ConfigureAwait(false);
        switch (action)
        {
            case "retry" or "resubmit":
                await SubmitCommand.PrintAsync(view, args.Output, stdout).ConfigureAwait(false);
                break;
            case "suspend" or "resume":
                // As argo: the name as given (`workflow @latest resumed`).
                await stdout.WriteLineAsync($"workflow {target} {Past(action)}").ConfigureAwait(false);
                break;
            default:
                await stdout.WriteLineAsync($"workflow {view.Metadata.Name} {Past(action)}").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>argo's delete: each workflow's line, a missing one is said and skipped, nothing picked is "No resources found".</summary>
    private static async Task DeleteAsync(ApiClient client, List<string> targets, bool dryRun, TextWriter stdout)
    {
        if (targets.Count == 0)
        {
            await stdout.WriteLineAsync("No resources found").ConfigureAwait(false);
            return;
        }

        foreach (var target in targets)
        {
            if (dryRun)
            {
                await stdout.WriteLineAsync($"Workflow '{target}' deleted (dry-run)").ConfigureAwait(false);
                continue;
            }

            try
            {
                var name = await client.ResolveAsync(target).ConfigureAwait(false);
                await client.DeleteAsync(name).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Workflow '{name}' deleted").ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Error.Code == (int)Durango.Api.Http.ArgoCode.NotFound)
            {
                await stdout.WriteLineAsync($"Workflow '{target}' not found").ConfigureAwait(false);
            }
        }
    }

    private static string Past(string action) => action switch
    {
        "stop" => "stopped",
        "terminate" => "terminated",
        "suspend" => "suspended",
        "resume" => "resumed",
        "delete" => "deleted",
        "resubmit" => "resubmitted",
        _ => "retried",
    };

    /// <summary>The options each action takes besides names and selectors, as argo's commands have them.</summary>
    public static IEnumerable<System.CommandLine.Option> Options(string action)
    {
        var dryRun = Parsing.CliOptions.Flag("--dry-run", "Only print what would happen");
        var nodes = Parsing.CliOptions.Value("--node-field-selector", "The nodes to act on: displayName=X, name=X, templateName=X, phase=X, inputs.parameters.NAME.value=X", "SELECTOR");
        return action switch
        {
            "stop" => [dryRun, nodes, Parsing.CliOptions.Value("--message", "A message for the stopped nodes", "MESSAGE")],
            "terminate" => [dryRun],
            "resume" => [nodes],
            "retry" => [nodes, Parsing.CliOptions.Flag("--restart-successful", "Also rerun the succeeded nodes --node-field-selector picks"), Parsing.CliOptions.Parameter(), Parsing.CliOptions.Output("text", "name", "wide", "json", "yaml")],
            "resubmit" => [Parsing.CliOptions.Flag("--memoized", "Carry the succeeded steps over to the new workflow instead of running them again (a Failed or Error workflow only)"), Parsing.CliOptions.Parameter(), Parsing.CliOptions.Output("text", "name", "wide", "json", "yaml")],
            "delete" =>
            [
                dryRun,
                Parsing.CliOptions.Flag("--all", "Every workflow (with -l: every one it selects)"),
                Parsing.CliOptions.Flag("--completed", "Only the workflows that have ended"),
                Parsing.CliOptions.Flag("--resubmitted", "Only the workflows made by resubmit"),
                Parsing.CliOptions.Value("--prefix", "Only the workflows whose name starts with PREFIX", "PREFIX"),
                Parsing.CliOptions.Value("--older", "Only the workflows that ended longer ago than DURATION (10m, 3h, 1d)", "DURATION"),
                Parsing.CliOptions.Value("--status", "Only the workflows in these phases (comma-separated)", "PHASE"),
                Parsing.CliOptions.Flag("--all-namespaces", "Workflows of every namespace", "-A"),
            ],
            _ => [],
        };
    }
}
