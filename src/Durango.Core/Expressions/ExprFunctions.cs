using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Durango.Core.Expressions;

/// <summary>
/// The functions and operators of Argo's expression languages that NCalc lacks: expr-lang built-ins
/// (<c>asInt</c>, <c>jsonpath</c>, <c>toJson</c>, <c>in</c>, <c>??</c>, ...) and a sprig subset (<c>sprig.upper</c>).
/// Each is a pure function of its arguments.
/// </summary>
internal static class ExprFunctions
{
    public const string ArrayFunction = "d_array";
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Dictionary<string, Func<object?[], object?>> Functions = new(StringComparer.Ordinal)
    {
        ["array"] = args => args.ToList(),
        ["in"] = args => In(args[0], args[1]),
        ["matches"] = args => Regex.IsMatch(Str(args[0]), Str(args[1]), RegexOptions.None, RegexTimeout),
        ["contains"] = args => Str(args[0]).Contains(Str(args[1]), StringComparison.Ordinal),
        ["startsWith"] = args => Str(args[0]).StartsWith(Str(args[1]), StringComparison.Ordinal),
        ["endsWith"] = args => Str(args[0]).EndsWith(Str(args[1]), StringComparison.Ordinal),
        ["??"] = args => args[0] ?? args[1],
        ["**"] = args => Math.Pow(Float(args[0]), Float(args[1])),
        ["asInt"] = args => Int(args[0]),
        ["int"] = args => Int(args[0]),
        ["asFloat"] = args => Float(args[0]),
        ["float"] = args => Float(args[0]),
        ["string"] = args => ValueFormatter.Format(args[0]),
        ["len"] = args => Length(args[0]),
        ["toJson"] = args => JsonValues.FromClr(args[0])?.ToJsonString() ?? "null",
        ["fromJson"] = args => JsonValues.ToClr(JsonNode.Parse(Str(args[0]))),
        ["jsonpath"] = args => JsonPathQuery.Select(Str(args[0]), Str(args[1])),
        ["lower"] = args => Str(args[0]).ToLowerInvariant(),
        ["upper"] = args => Str(args[0]).ToUpperInvariant(),
        ["trim"] = args => Str(args[0]).Trim(),
        ["split"] = args => Str(args[0]).Split(Str(args[1])).Cast<object?>().ToList(),
        ["join"] = args => string.Join(args.Length > 1 ? Str(args[1]) : string.Empty, List(args[0]).Select(ValueFormatter.Format)),
        ["sprig.trim"] = args => Str(args[0]).Trim(),
        ["sprig.upper"] = args => Str(args[0]).ToUpperInvariant(),
        ["sprig.lower"] = args => Str(args[0]).ToLowerInvariant(),
        ["sprig.title"] = args => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Str(args[0])),
        ["sprig.replace"] = args => Str(args[2]).Replace(Str(args[0]), Str(args[1]), StringComparison.Ordinal),
        ["sprig.contains"] = args => Str(args[1]).Contains(Str(args[0]), StringComparison.Ordinal),
        ["sprig.hasPrefix"] = args => Str(args[1]).StartsWith(Str(args[0]), StringComparison.Ordinal),
        ["sprig.hasSuffix"] = args => Str(args[1]).EndsWith(Str(args[0]), StringComparison.Ordinal),
        ["sprig.trimPrefix"] = args => Str(args[1]).StartsWith(Str(args[0]), StringComparison.Ordinal) ? Str(args[1])[Str(args[0]).Length..] : Str(args[1]),
        ["sprig.trimSuffix"] = args => Str(args[1]).EndsWith(Str(args[0]), StringComparison.Ordinal) ? Str(args[1])[..^Str(args[0]).Length] : Str(args[1]),
        ["sprig.trimAll"] = args => Str(args[1]).Trim(Str(args[0]).ToCharArray()),
        ["sprig.repeat"] = args => string.Concat(Enumerable.Repeat(Str(args[1]), (int)Math.Clamp(Int(args[0]), 0, 10_000))),
        ["sprig.quote"] = args => $"\"{Str(args[0])}\"",
        ["sprig.squote"] = args => $"'{Str(args[0])}'",
        ["sprig.splitList"] = args => Str(args[1]).Split(Str(args[0])).Cast<object?>().ToList(),
        ["sprig.join"] = args => string.Join(Str(args[0]), List(args[1]).Select(ValueFormatter.Format)),
        ["sprig.toString"] = args => ValueFormatter.Format(args[0]),
        ["sprig.atoi"] = args => Int(args[0]),
        ["sprig.int"] = args => Int(args[0]),
        ["sprig.int64"] = args => Int(args[0]),
        ["sprig.float64"] = args => Float(args[0]),
        ["sprig.add"] = args => args.Sum(Int),
        ["sprig.sub"] = args => Int(args[0]) - Int(args[1]),
        ["sprig.mul"] = args => args.Aggregate(1L, (acc, a) => acc * Int(a)),
        ["sprig.div"] = args => Int(args[0]) / Int(args[1]),
        ["sprig.mod"] = args => Int(args[0]) % Int(args[1]),
        ["sprig.max"] = args => args.Max(Int),
        ["sprig.min"] = args => args.Min(Int),
        ["sprig.default"] = args => IsEmpty(args[1]) ? args[0] : args[1],
        ["sprig.empty"] = args => IsEmpty(args[0]),
        ["sprig.b64enc"] = args => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(args[0]))),
        ["sprig.b64dec"] = args => Encoding.UTF8.GetString(Convert.FromBase64String(Str(args[0]))),
        ["sprig.len"] = args => Length(args[0]),
        ["sprig.toJson"] = args => JsonValues.FromClr(args[0])?.ToJsonString() ?? "null",
        ["sprig.date"] = args => GoTime.Format(Str(args[0]), Str(args[1])),
        ["sprig.now"] = _ => throw new ArgumentException("sprig.now is not deterministic; use workflow.creationTimestamp"),
        ["filter"] = args => List(args[0]).Where(e => Truthy(Closure(args[1]).Invoke(e))).ToList(),
        ["map"] = args => List(args[0]).Select(Closure(args[1]).Invoke).ToList(),
        ["all"] = args => List(args[0]).All(e => Truthy(Closure(args[1]).Invoke(e))),
        ["any"] = args => List(args[0]).Any(e => Truthy(Closure(args[1]).Invoke(e))),
        ["none"] = args => !List(args[0]).Any(e => Truthy(Closure(args[1]).Invoke(e))),
        ["count"] = args => (long)List(args[0]).Count(e => Truthy(Closure(args[1]).Invoke(e))),
        ["member"] = args => args[0] is JsonObject obj && obj.TryGetPropertyValue(Str(args[1]), out var child) ? JsonValues.ToClr(child) : null,
        ["index"] = args => Index(args[0], args[1]),
        ["object"] = args => new JsonObject(Enumerable.Range(0, args.Length / 2)
            .Select(i => KeyValuePair.Create(Str(args[2 * i]), JsonValues.FromClr(args[(2 * i) + 1])))
            .OrderBy(p => p.Key, StringComparer.Ordinal)), // Go's json.Marshal writes map keys sorted.
    };

    private static ExprClosure Closure(object? value) =>
        value as ExprClosure ?? throw new ArgumentException("expected a predicate such as {# > 1}");

    private static bool Truthy(object? value) => value is true;

    /// <summary>The names users may call.</summary>
    public static IEnumerable<string> Names => Functions.Keys.Where(k => char.IsLetter(k[0]) && k is not ("array" or "member" or "index" or "object"));

    public static bool Exists(string name) => Functions.ContainsKey(name);

    /// <summary>The NCalc identifier under which <paramref name="name"/> is dispatched.</summary>
    public static string NCalcName(string name)
    {
        if (!Functions.ContainsKey(name))
        {
            throw new ExpressionException($"unknown function '{name}'; known: {string.Join(", ", Names.Order(StringComparer.Ordinal))}");
        }

        var id = new StringBuilder("d_");
        foreach (var c in name)
        {
            id.Append(char.IsLetterOrDigit(c) ? c : $"_{(int)c:x}_");
        }

        return id.ToString();
    }

    private static readonly Dictionary<string, string> ByNCalcName =
        Functions.Keys.ToDictionary(NCalcName, k => k, StringComparer.Ordinal);

    /// <summary>True when <paramref name="ncalcName"/> is one of ours (not an NCalc built-in such as <c>if</c>).</summary>
    public static bool IsOwn(string ncalcName) => ByNCalcName.ContainsKey(ncalcName);

    public static object? Invoke(string ncalcName, object?[] arguments)
    {
        var name = ByNCalcName[ncalcName];
        try
        {
            return Functions[name](arguments);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or IndexOutOfRangeException
            or ArgumentException or JsonException or OverflowException or RegexMatchTimeoutException or DivideByZeroException)
        {
            throw new ExpressionException($"{name}: {e.Message}");
        }
    }

    private static string Str(object? value) => ValueFormatter.Format(value);

    private static long Int(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        decimal m => (long)m,
        bool b => b ? 1 : 0,
        _ => long.TryParse(Str(value).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
            : double.TryParse(Str(value).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d
            : throw new FormatException($"'{Str(value)}' is not a number"),
    };

    private static double Float(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        _ => double.TryParse(Str(value).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
            : throw new FormatException($"'{Str(value)}' is not a number"),
    };

    private static IEnumerable<object?> List(object? value) => value switch
    {
        null => [],
        string s when s.TrimStart().StartsWith('[') => List(JsonValues.ToClr(JsonNode.Parse(s))),
        string s => [s],
        JsonArray array => array.Select(JsonValues.ToClr),
        JsonObject obj => obj.Select(p => (object?)p.Key),
        IEnumerable items => items.Cast<object?>(),
        _ => [value],
    };

    /// <summary>Element <paramref name="key"/> of a list (by position) or a map (by key); JSON text is parsed first.</summary>
    private static object? Index(object? target, object? key)
    {
        if (target is string text && text.TrimStart() is ['[' or '{', ..])
        {
            target = JsonNode.Parse(text);
        }

        return target switch
        {
            JsonObject obj => obj.TryGetPropertyValue(Str(key), out var child) ? JsonValues.ToClr(child) : null,
            JsonArray array => Int(key) is var i && i >= 0 && i < array.Count ? JsonValues.ToClr(array[(int)i]) : null,
            IList<object?> list => Int(key) is var j && j >= 0 && j < list.Count ? list[(int)j] : null,
            _ => null,
        };
    }

    private static long Length(object? value) => value is string s && !s.TrimStart().StartsWith('[') ? s.Length : List(value).LongCount();

    private static bool In(object? needle, object? haystack) =>
        haystack is string text && !text.TrimStart().StartsWith('[')
            ? text.Contains(Str(needle), StringComparison.Ordinal)
            : List(haystack).Any(item => Str(item) == Str(needle));

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        double d => d == 0,
        _ => !List(value).Any(),
    };
}
