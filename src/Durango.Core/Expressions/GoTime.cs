using System.Globalization;
using System.Text;

namespace Durango.Core.Expressions;

/// <summary>Formats a time with a Go layout (<c>2006-01-02T15:04:05Z07:00</c>), for <c>sprig.date</c>.</summary>
internal static class GoTime
{
    // Longest first, so that "January" wins over "Jan" and "2006" over "2".
    private static readonly (string Go, string Net)[] Tokens =
    [
        ("January", "MMMM"), ("Monday", "dddd"), ("Z07:00", "K"), ("-07:00", "zzz"), ("2006", "yyyy"),
        ("Jan", "MMM"), ("Mon", "ddd"), ("MST", "'UTC'"), ("-0700", "zzz"), ("01", "MM"), ("02", "dd"),
        ("15", "HH"), ("03", "hh"), ("04", "mm"), ("05", "ss"), ("06", "yy"), ("PM", "tt"), ("_2", "%d"),
        ("1", "%M"), ("2", "%d"), ("3", "%h"), ("4", "%m"), ("5", "%s"),
    ];

    public static string Format(string layout, string time)
    {
        if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new FormatException($"'{time}' is not a time");
        }

        var result = new StringBuilder();
        for (var i = 0; i < layout.Length;)
        {
            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(layout, i, t.Go, 0, t.Go.Length) == 0);
            if (token.Go is null)
            {
                result.Append(layout[i]);
                i++;
                continue;
            }

            result.Append(value.ToString(token.Net, CultureInfo.InvariantCulture));
            i += token.Go.Length;
        }

        return result.ToString();
    }
}
