using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>
/// expr-lang built-ins Argo inherits from its expression library rather than defines: <c>get</c>, <c>concat</c>,
/// <c>toJSON</c> (indented, unlike Argo's own <c>toJson</c>) and <c>fromJSON</c>. Sizes are checked against the
/// budget before a result is built; JSON text is read within the depth limit.
/// </summary>
internal static class ExprBuiltins
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    /// <summary>
    /// expr-lang's <c>get(value, key)</c>: a map's entry or a list's element (negative counts from the end), and
    /// nil, not an error, when there is none. JSON text is parsed first, as everywhere else.
    /// </summary>
    public static object? Get(ExpressionBudget budget, object? target, object? key)
    {
        if (target is string text && text.TrimStart() is ['[' or '{', ..])
        {
            target = JsonText.Parse(text, budget.Limits.ExpressionDepth);
        }

        return target switch
        {
            JsonObject obj => obj.TryGetPropertyValue(ValueFormatter.Format(key), out var child) ? JsonValues.ToClr(child) : null,
            JsonArray array => Position(array.Count, key) is { } i ? JsonValues.ToClr(array[i]) : null,
            IList<object?> list => Position(list.Count, key) is { } j ? list[j] : null,
            _ => null,
        };
    }

    /// <summary>expr-lang's <c>concat(a, b, ...)</c>: the arrays joined in order; anything but an array is an error.</summary>
    public static object? Concat(ExpressionBudget budget, object?[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("concat needs at least one array");
        }

        var lists = args.Select(a => AsArray(budget, a)).ToList();
        budget.EnsureSize(lists.Sum(l => (long)l.Count));
        return lists.SelectMany(l => l).ToList();
    }

    /// <summary>expr-lang's <c>toJSON</c>: Go's <c>json.MarshalIndent(v, "", "  ")</c>.</summary>
    public static string ToIndentedJson(ExpressionBudget budget, object? value) => GoJson(budget, value, Indented);

    /// <summary>Argo's <c>toJson</c>: Go's <c>json.Marshal</c>, map keys sorted.</summary>
    public static string ToCompactJson(ExpressionBudget budget, object? value) => GoJson(budget, value, Compact);

    private static string GoJson(ExpressionBudget budget, object? value, JsonSerializerOptions options)
    {
        var node = Sorted(JsonValues.FromClr(value), budget, 1);
        if (node is null)
        {
            return "null";
        }

        // Go's encoder escapes only <, > and & (and U+2028/9); these appear in JSON text only inside strings.
        var text = new StringBuilder(node.ToJsonString(options))
            .Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026")
            .Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
        budget.EnsureSize(text.Length);
        return text.ToString();
    }

    /// <summary>A copy with every map's keys in ordinal order, as Go writes maps.</summary>
    private static JsonNode? Sorted(JsonNode? node, ExpressionBudget budget, int depth)
    {
        budget.EnsureDepth(depth);
        return node switch
        {
            JsonObject obj => new JsonObject(obj
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value, budget, depth + 1)))),
            JsonArray array => new JsonArray(array.Select(e => Sorted(e, budget, depth + 1)).ToArray()),
            _ => node?.DeepClone(),
        };
    }

    private static int? Position(int count, object? key)
    {
        long? index = key switch
        {
            long l => l,
            int i => i,
            double d when d == Math.Floor(d) => (long)d,
            _ => null,
        };
        if (index < 0)
        {
            index += count;
        }

        return index >= 0 && index < count ? (int)index : null;
    }

    private static List<object?> AsArray(ExpressionBudget budget, object? value) => value switch
    {
        string s when s.TrimStart().StartsWith('[') => ExprFunctions.List(budget, s).ToList(),
        JsonArray or IList<object?> => ExprFunctions.List(budget, value).ToList(),
        _ => throw new ArgumentException($"cannot concat {(value is null ? "nil" : value is string ? "string" : value.GetType().Name)}"),
    };
}
