using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>
/// Resolves a variable path (<c>steps["step-1"].status</c> as segments <c>steps</c>, <c>step-1</c>,
/// <c>status</c>) against Argo's flat variables; a value that holds JSON (<c>item</c>, a result) is navigated
/// into for the remaining segments.
/// </summary>
internal static class VariableLookup
{
    public static bool TryResolve(IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> segments, int maxDepth, out object? value)
    {
        for (var length = segments.Count; length > 0; length--)
        {
            var key = string.Join('.', segments.Take(length));
            if (!variables.TryGetValue(key, out var text))
            {
                continue;
            }

            if (length == segments.Count)
            {
                value = AbsentOptional.Is(text) ? null : text;
                return true;
            }

            return TryNavigate(text, segments.Skip(length), maxDepth, out value);
        }

        value = null;
        return false;
    }

    private static bool TryNavigate(string json, IEnumerable<string> segments, int maxDepth, out object? value)
    {
        value = null;
        JsonNode? node;
        try
        {
            node = JsonText.Parse(json, maxDepth);
        }
        catch (JsonException)
        {
            return false;
        }

        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }

        value = JsonValues.ToClr(node);
        return true;
    }
}

/// <summary>Converts between JSON nodes and the plain values the evaluator works with.</summary>
internal static class JsonValues
{
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number => Number(v),
            _ => v.ToJsonString(),
        },

        // The cast matters: with a JsonNode arm the switch would be typed JsonNode, and C#'s implicit
        // conversions would turn the plain values above straight back into JsonValues.
        _ => (object)node,
    };

    /// <summary>A JSON number as long when whole, else double, whatever CLR type the node was made from.</summary>
    private static object Number(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return (long)i;
        }

        var d = double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        return d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : d;
    }

    public static JsonNode? FromClr(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        System.Collections.IEnumerable items => new JsonArray(items.Cast<object?>().Select(FromClr).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };
}
