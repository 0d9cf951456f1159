using Durango.Engine.Semantics;

namespace Durango.Api.Lists;

/// <summary>
/// A Kubernetes field selector (<c>listOptions.fieldSelector</c>) on the fields argo-server supports:
/// <c>metadata.name</c> and <c>metadata.namespace</c>, with <c>=</c>, <c>==</c> or <c>!=</c>, comma-separated.
/// </summary>
public sealed record FieldSelector(IReadOnlyList<FieldRequirement> Requirements)
{
    /// <summary>Selects everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name required by <c>metadata.name=X</c>, if any: a watch or list of one workflow.</summary>
    public string? Name => Requirements.FirstOrDefault(r => r.Field == "metadata.name" && r.Equal)?.Value;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> for other fields or operators.</summary>
    public static FieldSelector Parse(string? text) => new(FieldRequirements.Parse(
        text, field => field is "metadata.name" or "metadata.namespace", "field selector", "metadata.name or metadata.namespace"));

    /// <summary>True when a workflow named <paramref name="name"/> in <paramref name="namespace"/> is selected.</summary>
    public bool Matches(string @namespace, string name) =>
        Requirements.All(r => r.Holds(r.Field == "metadata.name" ? name : @namespace));
}
