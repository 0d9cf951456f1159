using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Engine.Model;

namespace Durango.Server.Cli.Client;

/// <summary>
/// <c>durango submit FILE | --from KIND/NAME</c>, as <c>argo submit</c>: parameters from <c>-p</c> and
/// <c>--parameter-file</c>, <c>-l/--labels</c>, <c>--name</c>, <c>--generate-name</c>, <c>--entrypoint</c>, a client
/// <c>--dry-run</c> (prints the workflow it would send, asks the server nothing) or <c>--server-dry-run</c> (the server
/// validates it and answers it as it would start), then the workflow as <c>-o</c> says, or <c>--watch</c> it to its end.
/// </summary>
internal static class SubmitCommand
{
    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken interrupt)
    {
        var from = args.Option("--from");
        if ((from is null) == (args.Positional.Count == 0))
        {
            throw new CliUsageException(from is null ? "submit needs a FILE or --from KIND/NAME" : "submit takes a FILE or --from KIND/NAME, not both");
        }

        var parameters = await ParametersAsync(args).ConfigureAwait(false);
        var flags = SubmitFlags.From(args);
        using var client = ApiClient.From(args);
        if (from is not null)
        {
            return await FromAsync(client, from, parameters, flags, args, console).ConfigureAwait(false);
        }

        var file = args.Positional[0];
        var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
        if (text is null)
        {
            await console.Error.WriteLineAsync(WorkflowFile.Unreadable(file, error!)).ConfigureAwait(false);
            return CommandLine.Failed;
        }

        ParameterCheck.Check(text, file, parameters);
        string? name = null;
        try
        {
            var request = WorkflowRequest.Build(text, file, parameters, flags);
            if (args.Flags.Contains("--dry-run"))
            {
                await PrintAsync(request.Workflow, args.Output, console.Out).ConfigureAwait(false);
                return CommandLine.Ok;
            }

            var submitted = await client.CreateAsync(request, args.Flags.Contains("--server-dry-run")).ConfigureAwait(false);
            name = submitted.Metadata.Name;
            if (!args.Flags.Contains("--watch"))
            {
                await PrintAsync(submitted, args.Output, console.Out).ConfigureAwait(false);
                return CommandLine.Ok;
            }

            var view = await LiveTree.FollowAsync(console, UntilFinishedAsync(client, name, interrupt)).ConfigureAwait(false);
            return view?.Status.Phase == WorkflowPhase.Succeeded ? CommandLine.Ok : CommandLine.Failed;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested && name is not null)
        {
            // Ctrl+C ends the watch, not the workflow: say so, and how to act on it.
            await console.Error.WriteLineAsync($"durango: stopped watching; workflow {name} goes on on the server ('durango get {name}' shows it, 'durango stop {name}' stops it)").ConfigureAwait(false);
            return WorkflowCommands.Interrupted;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return await WorkflowCommands.GuardAsync(console.Error, () => throw e, file).ConfigureAwait(false);
        }
    }

    /// <summary>A workflow as <c>-o</c> says: argo get's view (default, <c>wide</c>), its <c>name</c>, <c>json</c> or <c>yaml</c>.</summary>
    public static async Task PrintAsync(WorkflowView view, string output, TextWriter stdout)
    {
        if (output == "json")
        {
            await JsonOutput.WriteAsync(stdout, view, WorkflowJson.Indented).ConfigureAwait(false);
            return;
        }

        await stdout.WriteAsync(output switch
        {
            "name" => view.Metadata.Name + Environment.NewLine,
            "yaml" => YamlOutput.Write(view),
            _ => WorkflowPrinter.Render(view, DateTimeOffset.UtcNow),
        }).ConfigureAwait(false);
    }

    private static async Task PrintAsync(JsonObject workflow, string output, TextWriter stdout) => await stdout.WriteAsync(output switch
    {
        "name" => (workflow["metadata"]?["name"] ?? workflow["metadata"]?["generateName"]) + Environment.NewLine,
        "yaml" => YamlOutput.Write(workflow),
        _ => workflow.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine,
    }).ConfigureAwait(false);

    private static async Task<int> FromAsync(ApiClient client, string from, IReadOnlyList<KeyValuePair<string, string>> parameters, SubmitFlags flags, CliArguments args, CliConsole console)
    {
        var cut = from.IndexOf('/', StringComparison.Ordinal);
        var kind = cut > 0 ? from[..cut].ToLowerInvariant() : string.Empty;
        var resource = cut > 0 ? from[(cut + 1)..] : string.Empty;
        if (kind is not ("workflowtemplate" or "clusterworkflowtemplate" or "cronworkflow" or "wftmpl" or "cwft" or "cwf" or "cronwf") || resource.Length == 0)
        {
            throw new CliUsageException($"--from '{from}' must be KIND/NAME with KIND workflowtemplate, clusterworkflowtemplate or cronworkflow");
        }

        kind = kind switch { "wftmpl" => "workflowtemplate", "cwft" => "clusterworkflowtemplate", "cwf" or "cronwf" => "cronworkflow", _ => kind };
        if (args.Flags.Contains("--dry-run"))
        {
            // As argo's CLI: the workflow it would ask the server to make, built here; nothing is sent.
            await PrintAsync(FromTemplate(kind, resource, parameters, flags), args.Output, console.Out).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var options = new JsonObject
        {
            ["name"] = flags.Name,
            ["generateName"] = flags.GenerateName,
            ["entryPoint"] = flags.Entrypoint,
            ["serviceAccount"] = flags.ServiceAccount,
            ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)JsonValue.Create($"{p.Key}={p.Value}")).ToArray()),
            ["labels"] = flags.Labels.Count == 0 ? null : string.Join(',', flags.Labels.Select(l => $"{l.Key}={l.Value}")),
            ["serverDryRun"] = args.Flags.Contains("--server-dry-run") ? true : null,
        };
        return await WorkflowCommands.GuardAsync(console.Error, async () =>
        {
            var submitted = await client.SubmitFromAsync(kind, resource, options).ConfigureAwait(false);
            await PrintAsync(submitted, args.Output, console.Out).ConfigureAwait(false);
        }, name: resource).ConfigureAwait(false);
    }

    /// <summary>The workflow argo's CLI makes of a template: <c>generateName: NAME-</c> and a <c>workflowTemplateRef</c> to it.</summary>
    private static JsonObject FromTemplate(string kind, string name, IReadOnlyList<KeyValuePair<string, string>> parameters, SubmitFlags flags)
    {
        var metadata = new JsonObject();
        if (flags.Name is not null)
        {
            metadata["name"] = flags.Name;
        }
        else
        {
            metadata["generateName"] = flags.GenerateName ?? name + "-";
        }

        var labels = new JsonObject { [kind == "clusterworkflowtemplate" ? ArgoLabels.ClusterWorkflowTemplate : ArgoLabels.WorkflowTemplate] = name };
        foreach (var (key, value) in flags.Labels)
        {
            labels[key] = value;
        }

        metadata["labels"] = labels;
        var spec = new JsonObject
        {
            ["workflowTemplateRef"] = kind == "clusterworkflowtemplate" ? new JsonObject { ["name"] = name, ["clusterScope"] = true } : new JsonObject { ["name"] = name },
        };
        if (flags.Entrypoint is not null)
        {
            spec["entrypoint"] = flags.Entrypoint;
        }

        if (flags.ServiceAccount is not null)
        {
            spec["serviceAccountName"] = flags.ServiceAccount;
        }

        if (parameters.Count > 0)
        {
            spec["arguments"] = new JsonObject
            {
                ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)new JsonObject { ["name"] = p.Key, ["value"] = p.Value }).ToArray()),
            };
        }

        return new JsonObject { ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "Workflow", ["metadata"] = metadata, ["spec"] = spec };
    }

    /// <summary><c>--parameter-file</c>'s values (a YAML or JSON map), then <c>-p</c>'s, which win, as argo reads them.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ParametersAsync(CliArguments args)
    {
        var merged = new List<KeyValuePair<string, string>>();
        if (args.Option("--parameter-file") is { } file)
        {
            var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
            if (text is null)
            {
                throw new CliUsageException(WorkflowFile.Unreadable(file, error!));
            }

            merged.AddRange(ParameterFile.Read(text, file));
        }

        foreach (var pair in args.Parameters)
        {
            merged.RemoveAll(p => p.Key == pair.Key);
            merged.Add(pair);
        }

        return merged;
    }

    /// <summary>The workflow each time the server's watch stream says it changed, until it ends.</summary>
    internal static async IAsyncEnumerable<WorkflowView> UntilFinishedAsync(ApiClient client, string name, [EnumeratorCancellation] CancellationToken interrupt)
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
}
