using System.Text.Json.Nodes;
using Durango.Api.Workflows;
using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary>
/// What <c>cron create</c>'s flags change, as argo's <c>CreateCronWorkflows</c> does (cmd/argo/commands/cron/create.go):
/// <c>--schedule</c> replaces the schedules; <c>-p</c>, <c>--parameter-file</c>, <c>--entrypoint</c> and
/// <c>--serviceaccount</c> change the workflowSpec; <c>--name</c> and <c>--generate-name</c> name the CronWorkflow.
/// <c>-l</c> adds labels to the CronWorkflow (argo's sets them on a copy of the workflow it then drops, so they are lost
/// there). A <c>generateName</c> gets its random suffix here, as Kubernetes' API server would give it.
/// </summary>
internal sealed record CronOverrides(string? Schedule, IReadOnlyList<KeyValuePair<string, string>> Parameters, SubmitFlags Flags)
{
    /// <summary>The overrides the command line gives.</summary>
    public static async Task<CronOverrides> FromAsync(CliArguments args) =>
        new(args.Option("--schedule"), await SubmitCommand.ParametersAsync(args).ConfigureAwait(false), SubmitFlags.From(args));

    private bool IsEmpty => Schedule is null && Parameters.Count == 0 && Flags.IsEmpty;

    /// <summary>
    /// The CronWorkflows to create from file <paramref name="text"/>: the text as it is when nothing changes it (the
    /// server's diagnostics then name its lines), else each CronWorkflow changed, as YAML.
    /// </summary>
    public IEnumerable<string> Apply(string text, string file)
    {
        var load = WorkflowLoader.Load(text, file);
        var crons = load.Documents.Where(d => d.Document.Kind == WorkflowKind.CronWorkflow).ToList();
        if (load.HasErrors || (IsEmpty && crons.All(c => c.Document.Metadata.Name is not null || c.Document.Metadata.GenerateName is null)))
        {
            return [text];
        }

        return crons.Select(c => Apply(YamlJson.Convert(text, c.Index)!.AsObject()));
    }

    private string Apply(JsonObject cron)
    {
        var metadata = cron["metadata"] as JsonObject ?? [];
        var spec = cron["spec"] as JsonObject ?? [];
        var workflowSpec = spec["workflowSpec"] as JsonObject ?? [];
        cron["metadata"] = metadata;
        cron["spec"] = spec;
        spec["workflowSpec"] = workflowSpec;
        if (Schedule is not null)
        {
            spec.Remove("schedule");
            spec["schedules"] = new JsonArray(Schedule);
        }

        Flags.Apply(metadata, workflowSpec, Parameters);
        if (metadata["name"] is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
        {
            metadata.Remove("generateName");
            metadata["name"] = KubernetesNames.Generate(prefix);
        }

        return YamlOutput.Write(cron);
    }
}
