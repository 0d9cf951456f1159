using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Api.Http;

/// <summary>
/// Argo's server wraps objects in create requests (<c>{"namespace": ..., "workflow": {...}}</c>, <c>"template"</c>);
/// accepting that shape too lets Argo clients talk to Durango unchanged.
/// </summary>
internal static class ArgoEnvelope
{
    /// <summary>The object inside an Argo envelope, with its <c>kind</c> filled in; other text as it is.</summary>
    public static string Unwrap(string text, string kind)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject obj && !obj.ContainsKey("kind")
                && (obj["workflow"] ?? obj["template"]) is JsonObject inner)
            {
                inner["apiVersion"] ??= "argoproj.io/v1alpha1";
                inner["kind"] ??= kind;
                return inner.ToJsonString();
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the loader reports it with its line and column.
        }

        return text;
    }
}
