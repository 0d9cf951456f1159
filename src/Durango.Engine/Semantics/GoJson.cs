using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Durango.Engine.Semantics;

/// <summary>
/// Text encodings that must match Go byte for byte, because users print them: <c>encoding/json</c>'s escaping
/// (HTML characters as <c>\u003c</c>) and <c>strconv.Quote</c>.
/// </summary>
public static class GoJson
{
    /// <summary>System.Text.Json options whose output matches Go's <c>json.Marshal</c> for plain data.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        // The relaxed encoder escapes only what JSON requires; EscapeLikeGo adds the few that Go adds.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="value"/> as Go's <c>json.Marshal</c> would.</summary>
    public static string Marshal<T>(T value) => EscapeLikeGo(JsonSerializer.Serialize(value, Options));

    /// <summary>Go's <c>strconv.Quote</c>: a double-quoted Go string literal.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029 || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format)
                    {
                        builder.Append(rune.Value <= 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}"));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string EscapeLikeGo(string json) => json
        .Replace("<", "\\u003c", StringComparison.Ordinal)
        .Replace(">", "\\u003e", StringComparison.Ordinal)
        .Replace("&", "\\u0026", StringComparison.Ordinal)
        .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
        .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
}
