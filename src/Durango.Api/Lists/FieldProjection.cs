using System.Text.Json.Nodes;

namespace Durango.Api.Lists;

/// <summary>
/// argo-server's <c>fields</c> parameter: a comma-separated list of dotted paths to keep (<c>items.metadata.name,
/// items.status.phase</c>), or, when it starts with <c>-</c>, to drop (<c>-items.status.nodes</c>). Applied to the
/// JSON of the answer, so it works the same for every shape.
/// </summary>
public sealed record FieldProjection(IReadOnlyList<string[]> Paths, bool Exclude)
{
    private const int MaxSegments = 32;

    /// <summary>Parses <paramref name="text"/>; null when there is no projection.</summary>
    public static FieldProjection? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var exclude = text.StartsWith('-');
        var paths = text.TrimStart('-').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.TrimStart('-').Split('.')).ToList();
        if (paths.Any(p => p.Length > MaxSegments))
        {
            throw new FormatException($"fields: a path may have at most {MaxSegments} segments");
        }

        return new FieldProjection(paths, exclude);
    }

    /// <summary>Applies the projection to <paramref name="node"/> in place and returns it.</summary>
    public JsonNode Apply(JsonNode node)
    {
        if (Exclude)
        {
            foreach (var path in Paths)
            {
                Drop(node, path, 0);
            }

            return node;
        }

        return Keep(node, Paths.ToList(), 0) ?? new JsonObject();
    }

    private static void Drop(JsonNode? node, string[] path, int depth)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Drop(item, path, depth);
                }

                break;
            case JsonObject obj when depth == path.Length - 1:
                obj.Remove(path[depth]);
                break;
            case JsonObject obj:
                Drop(obj[path[depth]], path, depth + 1);
                break;
        }
    }

    private static JsonNode? Keep(JsonNode? node, List<string[]> paths, int depth)
    {
        if (node is null || paths.Any(p => p.Length == depth))
        {
            return node?.DeepClone();
        }

        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(item => Keep(item, paths, depth)).ToArray());
            case JsonObject obj:
                var kept = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var deeper = paths.Where(p => p[depth] == key).ToList();
                    if (deeper.Count > 0)
                    {
                        kept[key] = Keep(value, deeper, depth + 1);
                    }
                }

                return kept;
            default:
                return null;
        }
    }
}
