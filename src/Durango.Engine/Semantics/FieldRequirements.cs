namespace Durango.Engine.Semantics;

/// <summary>One term of a Kubernetes-style field selector: <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>.</summary>
/// <param name="Field">The field.</param>
/// <param name="Equal">True for <c>=</c> and <c>==</c>, false for <c>!=</c>.</param>
/// <param name="Value">The value.</param>
public sealed record FieldRequirement(string Field, bool Equal, string Value)
{
    /// <summary>True when <paramref name="actual"/> satisfies this term.</summary>
    public bool Holds(string? actual) => (actual == Value) == Equal;
}

/// <summary>Parses comma-separated field selector terms, the syntax argo's field and node field selectors share.</summary>
public static class FieldRequirements
{
    /// <summary>
    /// The terms of <paramref name="text"/> (none for null or blank); throws <see cref="FormatException"/> naming
    /// <paramref name="what"/> and <paramref name="fields"/> when a term is malformed or names a field <paramref name="known"/> rejects.
    /// </summary>
    public static IReadOnlyList<FieldRequirement> Parse(string? text, Func<string, bool> known, string what, string fields)
    {
        var terms = new List<FieldRequirement>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = part.Contains("!=", StringComparison.Ordinal);
            var pieces = part.Split(negated ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || !known(pieces[0]))
            {
                throw new FormatException($"{what} '{part}': use {fields} with =, == or !=");
            }

            terms.Add(new FieldRequirement(pieces[0], !negated, pieces[1]));
        }

        return terms;
    }
}
