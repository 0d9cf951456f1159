using System.Text.Json.Nodes;

namespace Durango.Server.Cli.Client;

/// <summary>
/// argo's submit options that change a workflow before it is sent (<c>util.ApplySubmitOpts</c>): <c>--name</c>,
/// <c>--generate-name</c>, <c>--entrypoint</c>, <c>--serviceaccount</c>, <c>-l/--labels</c>; <c>submit</c> and
/// <c>cron create</c> take them.
/// </summary>
internal sealed record SubmitFlags(string? Name, string? GenerateName, string? Entrypoint, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary><c>--serviceaccount</c>: <c>spec.serviceAccountName</c>.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>The flags as the command line gave them.</summary>
    public static SubmitFlags From(CliArguments args) =>
        new(args.Option("--name"), args.Option("--generate-name"), args.Option("--entrypoint"), ParseLabels(args.Option("--labels")))
        {
            ServiceAccount = args.Option("--serviceaccount"),
        };

    /// <summary>True when no flag changes anything.</summary>
    public bool IsEmpty => Name is null && GenerateName is null && Entrypoint is null && ServiceAccount is null && Labels.Count == 0;

    /// <summary>
    /// Applies the flags and <paramref name="parameters"/> as argo does: the name, generateName and labels to
    /// <paramref name="metadata"/>, the entrypoint, service account and parameter values to <paramref name="spec"/> (a
    /// workflow's spec, or a CronWorkflow's workflowSpec); a parameter the spec does not declare is added.
    /// </summary>
    public void Apply(JsonObject metadata, JsonObject spec, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        if (GenerateName is not null)
        {
            metadata.Remove("name");
            metadata["generateName"] = GenerateName;
        }

        if (Name is not null)
        {
            metadata.Remove("generateName");
            metadata["name"] = Name;
        }

        if (Labels.Count > 0)
        {
            var labels = metadata["labels"] as JsonObject ?? [];
            foreach (var (key, value) in Labels)
            {
                labels[key] = value;
            }

            metadata["labels"] = labels;
        }

        if (Entrypoint is not null)
        {
            spec["entrypoint"] = Entrypoint;
        }

        if (ServiceAccount is not null)
        {
            spec["serviceAccountName"] = ServiceAccount;
        }

        foreach (var (name, value) in parameters)
        {
            var arguments = spec["arguments"] as JsonObject ?? [];
            var list = arguments["parameters"] as JsonArray ?? [];
            if (list.OfType<JsonObject>().FirstOrDefault(p => p["name"]?.GetValue<string>() == name) is { } declared)
            {
                declared["value"] = value;
            }
            else
            {
                list.Add(new JsonObject { ["name"] = name, ["value"] = value });
            }

            arguments["parameters"] = list;
            spec["arguments"] = arguments;
        }
    }

    private static Dictionary<string, string> ParseLabels(string? text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = CliArguments.ParseParameter(part) ?? throw new CliUsageException($"label '{part}' must look like key=value");
            labels[pair.Key] = pair.Value;
        }

        return labels;
    }
}
