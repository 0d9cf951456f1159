using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's <c>nodeFieldSelector</c> (resume, set, stop, retry): comma-separated <c>field=value</c> or
/// <c>field!=value</c> on <c>displayName</c>, <c>name</c>, <c>id</c>, <c>templateName</c>, <c>phase</c>, <c>type</c> and
/// <c>inputs.parameters.NAME.value</c>; all must hold. Empty picks every node.
/// </summary>
public sealed record NodeFieldSelector(IReadOnlyList<FieldRequirement> Requirements)
{
    private static readonly string[] Fields = ["displayName", "name", "id", "templateName", "phase", "type"];

    /// <summary>Picks every node.</summary>
    public static NodeFieldSelector Everything { get; } = new([]);

    /// <summary>Parses <paramref name="text"/>; null or blank picks every node. Throws <see cref="FormatException"/> when malformed.</summary>
    public static NodeFieldSelector Parse(string? text) => new(FieldRequirements.Parse(
        text, field => Fields.Contains(field) || IsInputParameter(field), "node field selector", $"{string.Join(", ", Fields)} or inputs.parameters.NAME.value"));

    /// <summary>True when every requirement holds of <paramref name="node"/>.</summary>
    public bool Matches(NodeStatus node) => Requirements.All(r => r.Holds(Value(node, r.Field)));

    private static bool IsInputParameter(string field) =>
        field.StartsWith("inputs.parameters.", StringComparison.Ordinal) && field.EndsWith(".value", StringComparison.Ordinal) && field.Length > 24;

    private static string? Value(NodeStatus node, string field) => field switch
    {
        "displayName" => node.DisplayName,
        "name" => node.Name,
        "id" => node.Id,
        "templateName" => node.TemplateName,
        "phase" => node.Phase.ToString(),
        "type" => node.Type.ToString(),
        _ => node.Inputs?.Parameters.FirstOrDefault(p => p.Name == field["inputs.parameters.".Length..^".value".Length])?.Value,
    };
}
