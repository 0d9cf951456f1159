using Durango.Core.Cron;
using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>
/// Reads a CronWorkflow's <c>spec</c>. Its <c>workflowSpec</c> is read as a workflow spec recorded under <c>spec</c>,
/// so that the workflow rules and their paths (<c>spec.templates[0]</c>) apply unchanged; diagnostics show the real
/// path (<c>spec.workflowSpec.templates[0]</c>) through <see cref="Display"/>.
/// </summary>
internal static class CronSpecReader
{
    private const string WorkflowSpecPath = "spec.workflowSpec";

    /// <summary>The path a diagnostic shows for <paramref name="path"/>, recorded in the workflow spec's terms.</summary>
    public static string Display(string path) =>
        path == "spec" || path.StartsWith("spec.", StringComparison.Ordinal) || path.StartsWith("spec[", StringComparison.Ordinal)
            ? WorkflowSpecPath + path["spec".Length..]
            : path;

    public static (CronWorkflowSpec Cron, WorkflowSpec Spec) Read(MapReader reader)
    {
        var schedules = Schedules(reader);
        var timezone = reader.String("timezone");
        if (CronSchedule.ParseZone(timezone) is null)
        {
            reader.Context.Error(DiagnosticCodes.BadValue, reader.FieldPath("timezone"),
                $"unknown time zone '{timezone}'; use an IANA name such as 'America/Los_Angeles' or 'Europe/Paris'");
        }

        var cron = new CronWorkflowSpec
        {
            Schedules = schedules,
            Timezone = string.IsNullOrWhiteSpace(timezone) ? null : timezone,
            ConcurrencyPolicy = Policy(reader),
            StartingDeadlineSeconds = NonNegative(reader, "startingDeadlineSeconds"),
            SuccessfulJobsHistoryLimit = (int?)NonNegative(reader, "successfulJobsHistoryLimit"),
            FailedJobsHistoryLimit = (int?)NonNegative(reader, "failedJobsHistoryLimit"),
            Suspend = reader.Bool("suspend") ?? false,
            When = reader.String("when"),
            StopExpression = StopExpression(reader.Map("stopStrategy", FieldPolicy.Strict)),
            WorkflowMetadata = WorkflowLoader.ReadMetadata(reader.Map("workflowMetadata", FieldPolicy.Strict)),
        };

        var node = reader.Node("workflowSpec");
        WorkflowSpec spec;
        if (node is null)
        {
            reader.Context.Error(DiagnosticCodes.Required, reader.FieldPath("workflowSpec"), "'workflowSpec' is required: the workflow each tick starts");
            spec = new WorkflowSpec();
        }
        else
        {
            reader.Context.SourceMap.Replace("spec", checked((int)node.Start.Line), checked((int)node.Start.Column));
            var inner = reader.Context.WithDisplay(Display).Map(node, "spec", FieldPolicy.Spec);
            spec = inner is null ? new WorkflowSpec() : SpecReader.ReadSpec(inner);
        }

        reader.Finish();
        return (cron, spec);
    }

    private static List<string> Schedules(MapReader reader)
    {
        var single = reader.String("schedule");
        var list = reader.StringList("schedules");
        if (single is not null && list.Count > 0)
        {
            reader.Context.Error(DiagnosticCodes.BadValue, reader.FieldPath("schedule"), "write 'schedules' or 'schedule', not both; 'schedules' takes a list");
        }

        var all = single is null ? list.ToList() : [single, .. list];
        if (all.Count == 0)
        {
            reader.Context.Error(DiagnosticCodes.Required, reader.FieldPath("schedules"), "cron workflow must have at least one schedule: set 'schedules' to a list of cron expressions such as \"0 2 * * *\"");
        }

        var path = single is null ? null : reader.FieldPath("schedule");
        for (var i = 0; i < all.Count; i++)
        {
            var at = path ?? SpecPath.Index(reader.FieldPath("schedules"), single is null ? i : i - 1);
            if (CronSchedule.ParseExpression(all[i], out var error) is null)
            {
                reader.Context.Error(DiagnosticCodes.BadValue, at, $"cron schedule {all[i]} is malformed: {error}");
            }
            else if (all[i].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6)
            {
                reader.Context.Warning(DiagnosticCodes.BadValue, at,
                    $"'{all[i]}' has six fields: Durango reads the first as seconds; Argo accepts only five");
            }

            path = null;
        }

        return all;
    }

    private static ConcurrencyPolicy Policy(MapReader reader)
    {
        var text = reader.String("concurrencyPolicy");
        if (text is null or "")
        {
            return ConcurrencyPolicy.Allow;
        }

        if (Enum.TryParse<ConcurrencyPolicy>(text, ignoreCase: false, out var policy) && Enum.IsDefined(policy))
        {
            return policy;
        }

        reader.Context.Error(DiagnosticCodes.BadValue, reader.FieldPath("concurrencyPolicy"), $"concurrencyPolicy '{text}' must be Allow, Forbid or Replace");
        return ConcurrencyPolicy.Allow;
    }

    private static long? NonNegative(MapReader reader, string key)
    {
        var value = reader.Int(key);
        if (value < 0)
        {
            reader.Context.Error(DiagnosticCodes.BadValue, reader.FieldPath(key), $"'{key}' must be zero or more, not {value}");
            return null;
        }

        return value;
    }

    private static string? StopExpression(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var expression = reader.String("expression") ?? reader.String("condition");
        if (string.IsNullOrWhiteSpace(expression))
        {
            reader.Context.Error(DiagnosticCodes.Required, reader.FieldPath("expression"), "stopStrategy needs an 'expression', e.g. \"cronworkflow.failed >= 3\"");
        }

        reader.Finish();
        return expression;
    }
}
