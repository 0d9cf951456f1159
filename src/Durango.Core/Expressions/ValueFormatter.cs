using System.Globalization;
using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>Formats an evaluated value the way Argo prints it into a template (Go's formatting).</summary>
public static class ValueFormatter
{
    /// <summary>The text of <paramref name="value"/>: strings as they are, numbers invariant, lists as JSON.</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonNode node => node.ToJsonString(),
        System.Collections.IEnumerable items => JsonValues.FromClr(items)!.ToJsonString(),
        _ => value.ToString() ?? string.Empty,
    };
}
