using System.Globalization;
using System.Text.Json;
using Durango.Core.Resolution;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>The <c>workflow.*</c> variables Argo sets for every template of a workflow.</summary>
public static class Globals
{
    /// <summary>Argo's strftime characters for <c>workflow.creationTimestamp.&lt;c&gt;</c>, as .NET formats.</summary>
    private static readonly Dictionary<char, string> Strftime = new()
    {
        ['Y'] = "yyyy",
        ['y'] = "yy",
        ['m'] = "MM",
        ['d'] = "dd",
        ['e'] = "%d",
        ['H'] = "HH",
        ['I'] = "hh",
        ['M'] = "mm",
        ['S'] = "ss",
        ['b'] = "MMM",
        ['B'] = "MMMM",
        ['a'] = "ddd",
        ['A'] = "dddd",
        ['p'] = "tt",
        ['j'] = "'j'",
        ['Z'] = "'UTC'",
        ['F'] = "yyyy-MM-dd",
        ['T'] = "HH:mm:ss",
        ['D'] = "MM/dd/yy",
        ['R'] = "HH:mm",
    };

    /// <summary>The variables every template sees, from the workflow's metadata and parameters.</summary>
    public static Dictionary<string, string> For(ResolvedWorkflow workflow)
    {
        var created = workflow.CreationTimestamp.ToUniversalTime();
        var parameters = JsonSerializer.Serialize(workflow.Parameters.Select(p => new { name = p.Name, value = p.Value }));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workflow.name"] = workflow.Name,
            ["workflow.namespace"] = workflow.Namespace,
            ["workflow.uid"] = workflow.Uid,
            ["workflow.mainEntrypoint"] = workflow.Entrypoint,
            ["workflow.serviceAccountName"] = "default",
            ["workflow.priority"] = "0",
            ["workflow.creationTimestamp"] = Rfc3339(created),
            ["workflow.creationTimestamp.RFC3339"] = Rfc3339(created),
            ["workflow.creationTimestamp.s"] = created.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            // Both are the list of spec.arguments.parameters, as upstream's operator.go sets them (TestJSONVariables).
            ["workflow.parameters"] = parameters,
            ["workflow.parameters.json"] = parameters,
            ["workflow.labels.json"] = JsonSerializer.Serialize(workflow.Labels),
            ["workflow.annotations.json"] = JsonSerializer.Serialize(workflow.Annotations),
            // Upstream's operator.go also sets the maps without the suffix (TestGlobalParams).
            ["workflow.labels"] = JsonSerializer.Serialize(workflow.Labels),
            ["workflow.annotations"] = JsonSerializer.Serialize(workflow.Annotations),
        };
        foreach (var (c, format) in Strftime)
        {
            variables[$"workflow.creationTimestamp.{c}"] = c == 'j'
                ? created.DayOfYear.ToString("000", CultureInfo.InvariantCulture)
                : created.ToString(format, CultureInfo.InvariantCulture);
        }

        foreach (var parameter in workflow.Parameters)
        {
            variables[$"workflow.parameters.{parameter.Name}"] = parameter.Value ?? string.Empty;
        }

        foreach (var (key, value) in workflow.Labels)
        {
            variables[$"workflow.labels.{key}"] = value;
        }

        foreach (var (key, value) in workflow.Annotations)
        {
            variables[$"workflow.annotations.{key}"] = value;
        }

        // A CronWorkflow's tick, as Argo sets it: from the annotation its workflows carry.
        if (workflow.Annotations.TryGetValue("workflows.argoproj.io/scheduled-time", out var scheduled))
        {
            variables["workflow.scheduledTime"] = scheduled;
        }

        return variables;
    }

    /// <summary>
    /// What an exit handler or hook sees on top: <c>workflow.status</c>, <c>workflow.failures</c> and
    /// <c>workflow.duration</c> (seconds with six decimals, Go's <c>%f</c>).
    /// </summary>
    public static void SetOutcome(IDictionary<string, string> variables, WorkflowPhase phase, IReadOnlyCollection<FailedNode> failures, TimeSpan duration)
    {
        variables["workflow.status"] = phase.ToString();
        variables["workflow.failures"] = WorkflowFailures.Encode(failures);
        variables["workflow.duration"] = Duration(duration);
    }

    /// <summary>
    /// How long a running workflow has run (upstream's <c>workflowDurationSeconds</c> in <c>operator.go</c>): from its start
    /// (<c>status.startedAt</c>, once its workflow-level locks are held), not its submission; zero before it starts.
    /// </summary>
    public static TimeSpan RunningFor(DateTimeOffset? startedAt, DateTimeOffset now) =>
        startedAt is { } started && now > started ? now - started : TimeSpan.Zero;

    /// <summary>Go's <c>fmt.Sprintf("%f", seconds)</c>.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 with whole seconds, as Kubernetes prints times.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
