namespace Durango.Api.Lists;

/// <summary>
/// A Kubernetes label selector (<c>listOptions.labelSelector</c>): comma-separated requirements, each <c>key</c>,
/// <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c> or <c>key notin (a,b)</c>;
/// all must hold.
/// </summary>
public sealed record LabelSelector(IReadOnlyList<LabelRequirement> Requirements)
{
    /// <summary>Selects everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses <paramref name="text"/>; null or blank selects everything. Throws <see cref="FormatException"/> when malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(LabelRequirement.Parse(part));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>True when every requirement holds of <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    /// <summary>The commas that separate requirements, not those inside <c>in (a,b)</c>.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..].Trim();
    }
}

/// <summary>How a <see cref="LabelRequirement"/> compares.</summary>
public enum LabelOperator
{
    /// <summary><c>key</c>: the label exists.</summary>
    Exists,

    /// <summary><c>!key</c>: the label does not exist.</summary>
    DoesNotExist,

    /// <summary><c>key=value</c>, <c>key in (...)</c>.</summary>
    In,

    /// <summary><c>key!=value</c>, <c>key notin (...)</c>: absent labels match too.</summary>
    NotIn,
}

/// <summary>One requirement of a <see cref="LabelSelector"/>.</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    /// <summary>Parses one requirement.</summary>
    public static LabelRequirement Parse(string text)
    {
        if (text.Length == 0)
        {
            throw new FormatException("an empty requirement; separate requirements with single commas");
        }

        if (text.StartsWith('!'))
        {
            return new(ParseKey(text[1..]), LabelOperator.DoesNotExist, []);
        }

        foreach (var (word, op) in new[] { (" notin ", LabelOperator.NotIn), (" in ", LabelOperator.In) })
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            if (at > 0)
            {
                var set = text[(at + word.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new FormatException($"'{text}': the values of {word.Trim()} go in parentheses, e.g. key {word.Trim()} (a,b)");
                }

                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new(ParseKey(text[..at]), op, values);
            }
        }

        foreach (var (symbol, op) in new[] { ("!=", LabelOperator.NotIn), ("==", LabelOperator.In), ("=", LabelOperator.In) })
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at > 0)
            {
                return new(ParseKey(text[..at]), op, [text[(at + symbol.Length)..].Trim()]);
            }
        }

        return new(ParseKey(text), LabelOperator.Exists, []);
    }

    /// <summary>True when this requirement holds of <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            LabelOperator.In => present && Values.Contains(value!, StringComparer.Ordinal),
            _ => !present || !Values.Contains(value!, StringComparer.Ordinal),
        };
    }

    private static string ParseKey(string text)
    {
        var key = text.Trim();
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
        {
            throw new FormatException($"'{text}' is not a label key");
        }

        return key;
    }
}
