namespace Durango.Api.Lists;

/// <summary>
/// A Kubernetes field selector (<c>listOptions.fieldSelector</c>) on the fields argo-server supports:
/// <c>metadata.name</c> and <c>metadata.namespace</c>, with <c>=</c>, <c>==</c> or <c>!=</c>, comma-separated.
/// </summary>
public sealed record FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> Requirements)
{
    /// <summary>Selects everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name required by <c>metadata.name=X</c>, if any: a watch or list of one workflow.</summary>
    public string? Name => Requirements.FirstOrDefault(r => r.Field == "metadata.name" && r.Equal).Value;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> for other fields or operators.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<(string, bool, string)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = part.Contains("!=", StringComparison.Ordinal);
            var pieces = part.Split(negated ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0] is not ("metadata.name" or "metadata.namespace"))
            {
                throw new FormatException($"field selector '{part}': only metadata.name and metadata.namespace with =, == or != are supported");
            }

            requirements.Add((pieces[0], !negated, pieces[1]));
        }

        return new FieldSelector(requirements);
    }

    /// <summary>True when a workflow named <paramref name="name"/> in <paramref name="namespace"/> is selected.</summary>
    public bool Matches(string @namespace, string name) => Requirements.All(r =>
        (r.Field == "metadata.name" ? name : @namespace) == r.Value == r.Equal);
}
