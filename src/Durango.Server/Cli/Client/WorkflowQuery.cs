using System.Globalization;
using System.Text.RegularExpressions;
using Durango.Api.Workflows;

namespace Durango.Server.Cli.Client;

/// <summary>
/// Which workflows <c>list</c> and <c>delete</c> pick, as argo's <c>listWorkflows</c> does: label and field selectors and
/// the phase labels go to the server; <c>--prefix</c>, <c>--older</c> and <c>--since</c> are checked here, as argo's CLI does.
/// </summary>
internal sealed partial record WorkflowQuery(
    string? LabelSelector,
    string? FieldSelector,
    bool AllNamespaces,
    string? Prefix,
    TimeSpan? Older,
    TimeSpan? Since)
{
    /// <summary>The flags of <paramref name="args"/> that filter; <see cref="HasFilter"/> says whether any was given.</summary>
    public static WorkflowQuery From(CliArguments args)
    {
        if (args.Flags.Contains("--completed") && args.Flags.Contains("--running"))
        {
            throw new CliUsageException("--completed and --running cannot be used together");
        }

        var phases = args.Option("--status") ?? args.Option("--phase");
        var labels = string.Join(',', new[]
        {
            args.Option("--selector"),
            phases is null ? null : $"{ArgoLabels.Phase} in ({phases})",
            args.Flags.Contains("--completed") ? $"{ArgoLabels.Completed}=true" : null,
            args.Flags.Contains("--running") ? $"{ArgoLabels.Completed}!=true" : null,
            args.Flags.Contains("--resubmitted") ? ArgoLabels.ResubmittedFrom : null,
        }.Where(s => !string.IsNullOrEmpty(s)));
        return new WorkflowQuery(labels.Length == 0 ? null : labels, args.Option("--field-selector"), args.Flags.Contains("--all-namespaces"),
            args.Option("--prefix"), Duration(args.Option("--older"), "--older"), Duration(args.Option("--since"), "--since"))
        {
            HasFilter = labels.Length > 0 || args.Option("--field-selector") is not null || args.Option("--prefix") is not null
                || args.Option("--older") is not null || args.Option("--since") is not null || args.Flags.Contains("--all")
                || args.Flags.Contains("--all-namespaces"),
        };
    }

    /// <summary>True when the command line asked for workflows by something other than their names.</summary>
    public bool HasFilter { get; init; }

    /// <summary>The workflows picked, newest first.</summary>
    public async Task<IReadOnlyList<WorkflowView>> ListAsync(ApiClient client)
    {
        var page = await client.ListAsync(LabelSelector, AllNamespaces, FieldSelector).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        return (page.Items ?? [])
            .Where(w => Prefix is null || w.Metadata.Name.StartsWith(Prefix, StringComparison.Ordinal))
            .Where(w => Older is not { } older || w.Status.FinishedAt is { } finished && finished < now - older)
            .Where(w => Since is not { } since || w.Metadata.CreationTimestamp > now - since)
            .ToList();
    }

    /// <summary>argo's relative durations: Go's (<c>90s</c>, <c>1h30m</c>) and days (<c>1d</c>).</summary>
    public static TimeSpan? Duration(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var parts = DurationPart().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            throw new CliUsageException($"{option} '{text}' is not a duration; use e.g. 30s, 10m, 3h or 1d");
        }

        return parts.Aggregate(TimeSpan.Zero, (sum, p) =>
        {
            var amount = double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture);
            return sum + p.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        });
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
