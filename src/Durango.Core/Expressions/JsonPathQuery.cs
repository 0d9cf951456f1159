using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>
/// The JSONPath subset Argo users write in <c>jsonpath(...)</c> and <c>valueFrom.jsonPath</c>:
/// <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[0]</c> and <c>[*]</c>.
/// </summary>
public static class JsonPathQuery
{
    /// <summary>
    /// Selects from <paramref name="json"/>; one match is returned as is, several as a list. JSON nested deeper than
    /// <paramref name="maxDepth"/> is a <see cref="System.Text.Json.JsonException"/>.
    /// </summary>
    public static object? Select(string json, string path, int maxDepth = ExpressionLimits.DefaultDepth)
    {
        IEnumerable<JsonNode?> current = [JsonText.Parse(json, maxDepth)];
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            string? key;
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                key = path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    throw new FormatException($"JSONPath '{path}' has an unclosed '['");
                }

                key = path[(i + 1)..end].Trim().Trim('\'', '"');
                i = end + 1;
            }
            else
            {
                throw new FormatException($"JSONPath '{path}' is not understood at position {i + 1}");
            }

            current = current.SelectMany(node => Step(node, key)).ToList();
        }

        var matches = current.ToList();
        return matches.Count == 1 ? JsonValues.ToClr(matches[0]) : matches.Select(JsonValues.ToClr).ToList();
    }

    private static IEnumerable<JsonNode?> Step(JsonNode? node, string key) => node switch
    {
        JsonArray array when key == "*" => array,
        JsonObject obj when key == "*" => obj.Select(p => p.Value),
        JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count => [array[index]],
        JsonObject obj when obj.TryGetPropertyValue(key, out var child) => [child],
        _ => [],
    };
}
