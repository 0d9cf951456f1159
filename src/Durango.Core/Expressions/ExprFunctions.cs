using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>
/// The functions and operators of Argo's expression languages that NCalc lacks: expr-lang built-ins
/// (<c>asInt</c>, <c>jsonpath</c>, <c>toJson</c>, <c>in</c>, <c>??</c>, ...; <c>get</c>, <c>concat</c>, <c>toJSON</c> and
/// <c>fromJSON</c> in <see cref="ExprBuiltins"/>) and a sprig subset (<c>sprig.upper</c>).
/// Each is a pure function of its arguments.
/// </summary>
internal static class ExprFunctions
{
    public const string ArrayFunction = "d_array";

    private static readonly Dictionary<string, Func<ExpressionBudget, object?[], object?>> Functions = new(StringComparer.Ordinal)
    {
        ["array"] = (_, args) => args.ToList(),
        ["in"] = (b, args) => In(b, args[0], args[1]),
        ["matches"] = (b, args) => ExprRegex.IsMatch(Str(args[0]), Str(args[1]), b.Limits),
        ["contains"] = (_, args) => Str(args[0]).Contains(Str(args[1]), StringComparison.Ordinal),
        ["startsWith"] = (_, args) => Str(args[0]).StartsWith(Str(args[1]), StringComparison.Ordinal),
        ["endsWith"] = (_, args) => Str(args[0]).EndsWith(Str(args[1]), StringComparison.Ordinal),
        ["??"] = (_, args) => args[0] ?? args[1],
        ["**"] = (_, args) => Math.Pow(Float(args[0]), Float(args[1])),
        ["asInt"] = (_, args) => Int(args[0]),
        ["int"] = (_, args) => Int(args[0]),
        ["asFloat"] = (_, args) => Float(args[0]),
        ["float"] = (_, args) => Float(args[0]),
        ["string"] = (_, args) => ValueFormatter.Format(args[0]),
        ["len"] = (b, args) => Length(b, args[0]),
        ["toJson"] = (b, args) => ExprBuiltins.ToCompactJson(b, args[0]),
        ["fromJson"] = (b, args) => JsonValues.ToClr(JsonText.Parse(Str(args[0]), b.Limits.ExpressionDepth)),
        ["toJSON"] = (b, args) => ExprBuiltins.ToIndentedJson(b, args[0]),
        ["fromJSON"] = (b, args) => JsonValues.ToClr(JsonText.Parse(Str(args[0]), b.Limits.ExpressionDepth)),
        ["get"] = (b, args) => ExprBuiltins.Get(b, args[0], args[1]),
        ["concat"] = ExprBuiltins.Concat,
        ["jsonpath"] = (b, args) => JsonPathQuery.Select(Str(args[0]), Str(args[1]), b.Limits.ExpressionDepth),
        ["lower"] = (_, args) => Str(args[0]).ToLowerInvariant(),
        ["upper"] = (_, args) => Str(args[0]).ToUpperInvariant(),
        ["trim"] = (_, args) => Str(args[0]).Trim(),
        ["split"] = (_, args) => Str(args[0]).Split(Str(args[1])).Cast<object?>().ToList(),
        ["join"] = (b, args) => Join(b, args.Length > 1 ? Str(args[1]) : string.Empty, List(b, args[0])),
        ["sprig.trim"] = (_, args) => Str(args[0]).Trim(),
        ["sprig.upper"] = (_, args) => Str(args[0]).ToUpperInvariant(),
        ["sprig.lower"] = (_, args) => Str(args[0]).ToLowerInvariant(),
        ["sprig.title"] = (_, args) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Str(args[0])),
        ["sprig.replace"] = (b, args) => Replace(b, Str(args[2]), Str(args[0]), Str(args[1])),
        ["sprig.contains"] = (_, args) => Str(args[1]).Contains(Str(args[0]), StringComparison.Ordinal),
        ["sprig.hasPrefix"] = (_, args) => Str(args[1]).StartsWith(Str(args[0]), StringComparison.Ordinal),
        ["sprig.hasSuffix"] = (_, args) => Str(args[1]).EndsWith(Str(args[0]), StringComparison.Ordinal),
        ["sprig.trimPrefix"] = (_, args) => Str(args[1]).StartsWith(Str(args[0]), StringComparison.Ordinal) ? Str(args[1])[Str(args[0]).Length..] : Str(args[1]),
        ["sprig.trimSuffix"] = (_, args) => Str(args[1]).EndsWith(Str(args[0]), StringComparison.Ordinal) ? Str(args[1])[..^Str(args[0]).Length] : Str(args[1]),
        ["sprig.trimAll"] = (_, args) => Str(args[1]).Trim(Str(args[0]).ToCharArray()),
        ["sprig.repeat"] = (b, args) => Repeat(b, Str(args[1]), Int(args[0])),
        ["sprig.quote"] = (b, args) => Sized(b, Str(args[0]).Length + 2L, () => $"\"{Str(args[0])}\""),
        ["sprig.squote"] = (b, args) => Sized(b, Str(args[0]).Length + 2L, () => $"'{Str(args[0])}'"),
        ["sprig.splitList"] = (_, args) => Str(args[1]).Split(Str(args[0])).Cast<object?>().ToList(),
        ["sprig.join"] = (b, args) => Join(b, Str(args[0]), List(b, args[1])),
        ["sprig.toString"] = (_, args) => ValueFormatter.Format(args[0]),
        ["sprig.atoi"] = (_, args) => Int(args[0]),
        ["sprig.int"] = (_, args) => Int(args[0]),
        ["sprig.int64"] = (_, args) => Int(args[0]),
        ["sprig.float64"] = (_, args) => Float(args[0]),
        ["sprig.add"] = (_, args) => args.Sum(Int),
        ["sprig.sub"] = (_, args) => Int(args[0]) - Int(args[1]),
        ["sprig.mul"] = (_, args) => args.Aggregate(1L, (acc, a) => acc * Int(a)),
        ["sprig.div"] = (_, args) => Int(args[0]) / Int(args[1]),
        ["sprig.mod"] = (_, args) => Int(args[0]) % Int(args[1]),
        ["sprig.max"] = (_, args) => args.Max(Int),
        ["sprig.min"] = (_, args) => args.Min(Int),
        ["sprig.default"] = (b, args) => IsEmpty(b, args[1]) ? args[0] : args[1],
        ["sprig.empty"] = (b, args) => IsEmpty(b, args[0]),
        ["sprig.b64enc"] = (b, args) => Sized(b, ((Encoding.UTF8.GetByteCount(Str(args[0])) + 2L) / 3) * 4, () => Convert.ToBase64String(Encoding.UTF8.GetBytes(Str(args[0])))),
        ["sprig.b64dec"] = (_, args) => Encoding.UTF8.GetString(Convert.FromBase64String(Str(args[0]))),
        ["sprig.len"] = (b, args) => Length(b, args[0]),
        ["sprig.toJson"] = (b, args) => ExprBuiltins.ToCompactJson(b, args[0]),
        ["sprig.date"] = (_, args) => GoTime.Format(Str(args[0]), Str(args[1])),
        ["sprig.now"] = (_, _) => throw new ArgumentException("sprig.now is not deterministic; use workflow.creationTimestamp"),
        ["filter"] = (b, args) => List(b, args[0]).Where(e => Truthy(Closure(args[1]).Invoke(e))).ToList(),
        ["map"] = (b, args) => List(b, args[0]).Select(Closure(args[1]).Invoke).ToList(),
        ["all"] = (b, args) => List(b, args[0]).All(e => Truthy(Closure(args[1]).Invoke(e))),
        ["any"] = (b, args) => List(b, args[0]).Any(e => Truthy(Closure(args[1]).Invoke(e))),
        ["none"] = (b, args) => !List(b, args[0]).Any(e => Truthy(Closure(args[1]).Invoke(e))),
        ["count"] = (b, args) => (long)List(b, args[0]).Count(e => Truthy(Closure(args[1]).Invoke(e))),
        ["member"] = (_, args) => args[0] is JsonObject obj && obj.TryGetPropertyValue(Str(args[1]), out var child) ? JsonValues.ToClr(child) : null,
        ["index"] = (b, args) => Index(b, args[0], args[1]),
        ["object"] = (_, args) => new JsonObject(Enumerable.Range(0, args.Length / 2)
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

    public static object? Invoke(string ncalcName, object?[] arguments, ExpressionBudget budget)
    {
        var name = ByNCalcName[ncalcName];
        try
        {
            return Functions[name](budget, arguments);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or IndexOutOfRangeException
            or ArgumentException or JsonException or OverflowException or DivideByZeroException)
        {
            throw new ExpressionException($"{name}: {e.Message}");
        }
    }

    private static string Str(object? value) => ValueFormatter.Format(value);

    /// <summary>Builds a string of a size known in advance, after checking it against the budget.</summary>
    private static string Sized(ExpressionBudget budget, long chars, Func<string> build)
    {
        budget.EnsureSize(chars);
        return build();
    }

    private static string Repeat(ExpressionBudget budget, string text, long count) =>
        count <= 0 ? string.Empty : Sized(budget, text.Length * Math.Min(count, int.MaxValue), () => string.Concat(Enumerable.Repeat(text, (int)count)));

    private static string Join(ExpressionBudget budget, string separator, IEnumerable<object?> items)
    {
        var parts = items.Select(ValueFormatter.Format).ToList();
        return Sized(budget, parts.Sum(p => (long)p.Length) + ((long)separator.Length * Math.Max(0, parts.Count - 1)), () => string.Join(separator, parts));
    }

    private static string Replace(ExpressionBudget budget, string text, string old, string replacement)
    {
        if (old.Length == 0 || replacement.Length <= old.Length)
        {
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }

        long count = 0;
        for (var at = text.IndexOf(old, StringComparison.Ordinal); at >= 0; at = text.IndexOf(old, at + old.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return Sized(budget, text.Length + (count * (replacement.Length - old.Length)), () => text.Replace(old, replacement, StringComparison.Ordinal));
    }

    internal static long Int(object? value) => value switch
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

    internal static IEnumerable<object?> List(ExpressionBudget budget, object? value) => value switch
    {
        null => [],
        string s when s.TrimStart().StartsWith('[') => List(budget, JsonValues.ToClr(JsonText.Parse(s, budget.Limits.ExpressionDepth))),
        string s => [s],
        JsonArray array => array.Select(JsonValues.ToClr),
        JsonObject obj => obj.Select(p => (object?)p.Key),
        IEnumerable items => items.Cast<object?>(),
        _ => [value],
    };

    /// <summary>Element <paramref name="key"/> of a list (by position) or a map (by key); JSON text is parsed first.</summary>
    private static object? Index(ExpressionBudget budget, object? target, object? key)
    {
        if (target is string text && text.TrimStart() is ['[' or '{', ..])
        {
            target = JsonText.Parse(text, budget.Limits.ExpressionDepth);
        }

        return target switch
        {
            JsonObject obj => obj.TryGetPropertyValue(Str(key), out var child) ? JsonValues.ToClr(child) : null,
            JsonArray array => Int(key) is var i && i >= 0 && i < array.Count ? JsonValues.ToClr(array[(int)i]) : null,
            IList<object?> list => Int(key) is var j && j >= 0 && j < list.Count ? list[(int)j] : null,
            _ => null,
        };
    }

    private static long Length(ExpressionBudget budget, object? value) => value is string s && !s.TrimStart().StartsWith('[') ? s.Length : List(budget, value).LongCount();

    private static bool In(ExpressionBudget budget, object? needle, object? haystack) =>
        haystack is string text && !text.TrimStart().StartsWith('[')
            ? text.Contains(Str(needle), StringComparison.Ordinal)
            : List(budget, haystack).Any(item => Str(item) == Str(needle));

    private static bool IsEmpty(ExpressionBudget budget, object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        double d => d == 0,
        _ => !List(budget, value).Any(),
    };
}
