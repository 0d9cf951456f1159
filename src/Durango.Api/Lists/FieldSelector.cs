using Durango.Engine.Semantics;

namespace Durango.Api.Lists;

/// <summary>
/// A Kubernetes field selector (<c>listOptions.fieldSelector</c>) on the fields argo-server supports:
/// <c>metadata.name</c> and <c>metadata.namespace</c>, with <c>=</c>, <c>==</c> or <c>!=</c>, comma-separated.
/// </summary>
public sealed record FieldSelector(IReadOnlyList<FieldRequirement> Requirements)
{
    /// <summary>
    /// How <c>metadata.name=X</c> compares, argo-server's <c>nameFilter</c>: <c>Exact</c> (the default), <c>Prefix</c>,
    /// <c>Contains</c> or <c>NotEquals</c>. As in upstream's <c>server/utils/list_options.go</c>, <c>metadata.name!=X</c>
    /// is <c>NotEquals</c> whatever the filter says.
    /// </summary>
    public string NameFilter { get; init; } = "Exact";

    /// <summary>Selects everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The name required by <c>metadata.name=X</c> with the exact name filter, if any: a watch or list of one workflow.</summary>
    public string? Name => NameFilter == "Exact" ? Requirements.FirstOrDefault(r => r.Field == "metadata.name" && r.Equal)?.Value : null;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> for other fields or operators.</summary>
    public static FieldSelector Parse(string? text) => new(FieldRequirements.Parse(
        text, field => field is "metadata.name" or "metadata.namespace", "field selector", "metadata.name or metadata.namespace"));

    /// <summary>Reads argo-server's <c>nameFilter</c>; throws <see cref="FormatException"/> for other values.</summary>
    public FieldSelector WithNameFilter(string? filter) => filter switch
    {
        null or "" => this,
        "Exact" or "Prefix" or "Contains" or "NotEquals" => this with { NameFilter = filter },
        _ => throw new FormatException($"nameFilter '{filter}' is not one of Exact, Prefix, Contains, NotEquals"),
    };

    /// <summary>True when a workflow named <paramref name="name"/> in <paramref name="namespace"/> is selected.</summary>
    public bool Matches(string @namespace, string name) => Requirements.All(r => r.Field != "metadata.name"
        ? r.Holds(@namespace)
        : r.Equal ? NameFilter switch
        {
            "Prefix" => name.StartsWith(r.Value, StringComparison.Ordinal),
            "Contains" => name.Contains(r.Value, StringComparison.Ordinal),
            "NotEquals" => name != r.Value,
            _ => name == r.Value,
        }
        : name != r.Value);
}
