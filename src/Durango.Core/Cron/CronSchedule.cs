using Cronos;

namespace Durango.Core.Cron;

/// <summary>
/// A CronWorkflow's schedules in their time zone, parsed with Cronos: Argo's five fields (minute hour day month
/// weekday) and its <c>@hourly</c>-style macros, plus six fields with seconds first as a Durango extension.
/// </summary>
public sealed class CronSchedule
{
    private readonly IReadOnlyList<CronExpression> _expressions;

    private CronSchedule(IReadOnlyList<CronExpression> expressions, TimeZoneInfo zone)
    {
        _expressions = expressions;
        Zone = zone;
    }

    /// <summary>The time zone the expressions are read in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>Parses <paramref name="schedules"/> in <paramref name="timezone"/> (null or empty: UTC); throws <see cref="FormatException"/>.</summary>
    public static CronSchedule Parse(IReadOnlyList<string> schedules, string? timezone)
    {
        var zone = ParseZone(timezone) ?? throw new FormatException($"unknown time zone '{timezone}'");
        var expressions = schedules.Select(s => ParseExpression(s, out var error) ?? throw new FormatException(error)).ToList();
        return new CronSchedule(expressions, zone);
    }

    /// <summary>The first tick strictly after <paramref name="after"/>, across every schedule; null when none comes.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        _expressions.Select(e => e.GetNextOccurrence(after.UtcDateTime, Zone, inclusive: false))
            .Where(t => t is not null).Select(t => (DateTimeOffset?)new DateTimeOffset(t!.Value, TimeSpan.Zero)).Min();

    /// <summary>The last tick in (<paramref name="after"/>, <paramref name="upTo"/>], across every schedule; null when none.</summary>
    public DateTimeOffset? Latest(DateTimeOffset after, DateTimeOffset upTo)
    {
        if (upTo <= after)
        {
            return null;
        }

        return _expressions
            .Select(e => e.GetOccurrences(after.UtcDateTime, upTo.UtcDateTime, Zone, fromInclusive: false, toInclusive: true).Select(t => (DateTimeOffset?)new DateTimeOffset(t, TimeSpan.Zero)).LastOrDefault())
            .Where(t => t is not null).Max();
    }

    /// <summary>The IANA (or Windows) zone <paramref name="timezone"/>; UTC when empty; null when unknown.</summary>
    public static TimeZoneInfo? ParseZone(string? timezone)
    {
        if (string.IsNullOrWhiteSpace(timezone))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone) ? zone : null;
    }

    /// <summary>Parses one expression; null and an <paramref name="error"/> saying what is wrong when it does not parse.</summary>
    public static CronExpression? ParseExpression(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("@every", StringComparison.Ordinal))
        {
            error = $"'{text}': @every is not supported; write the interval as a cron expression";
            return null;
        }

        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        if (!trimmed.StartsWith('@') && fields is not (5 or 6))
        {
            error = $"'{text}' has {fields} field(s); write five: minute hour day-of-month month day-of-week";
            return null;
        }

        try
        {
            return CronExpression.Parse(trimmed, format);
        }
        catch (CronFormatException e)
        {
            error = $"'{text}' is not a cron expression: {e.Message.TrimEnd('.')}";
            return null;
        }
    }
}
