using System.Globalization;
using System.Text.RegularExpressions;

namespace Durango.Engine.Semantics;

/// <summary>The slice of Go's <c>fmt.Sprintf</c> that <c>withSequence.format</c> uses on one integer.</summary>
public static partial class GoPrintf
{
    /// <summary>Formats <paramref name="value"/> with <paramref name="format"/> (<c>%d</c>, <c>%02d</c>, <c>%x</c>, text around).</summary>
    public static string Format(string? format, long value)
    {
        if (string.IsNullOrEmpty(format))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        return Verb().Replace(format, match =>
        {
            var zero = match.Groups[1].Value == "0";
            var width = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var text = match.Groups[3].Value switch
            {
                "x" => value.ToString("x", CultureInfo.InvariantCulture),
                "X" => value.ToString("X", CultureInfo.InvariantCulture),
                "o" => Convert.ToString(value, 8),
                "%" => "%",
                _ => Math.Abs(value).ToString(CultureInfo.InvariantCulture),
            };
            var negative = value < 0 && match.Groups[3].Value is "d" or "v" or "s";
            if (zero)
            {
                text = text.PadLeft(Math.Max(0, width - (negative ? 1 : 0)), '0');
                return negative ? "-" + text : text;
            }

            return (negative ? "-" + text : text).PadLeft(width);
        });
    }

    [GeneratedRegex("%(0?)([0-9]+)?([dvsxXo%])")]
    private static partial Regex Verb();
}
