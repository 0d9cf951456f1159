using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Core.Expressions;

/// <summary>
/// The one way Core reads JSON text: with an explicit maximum depth, so a deeply nested value is a
/// <see cref="JsonException"/> (which the evaluator turns into its error) and never a deep recursion.
/// </summary>
internal static class JsonText
{
    /// <summary>
    /// Parses <paramref name="text"/>; JSON nested deeper than <paramref name="maxDepth"/> is an
    /// <see cref="ExpressionException"/> naming the limit, other malformed JSON a <see cref="JsonException"/>.
    /// </summary>
    public static JsonNode? Parse(string text, int maxDepth)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExpressionException(
                $"a JSON value nests deeper than {maxDepth} levels ({ExpressionLimits.Setting("ExpressionDepth")}); flatten it");
        }
    }
}
