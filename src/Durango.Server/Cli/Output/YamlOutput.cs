using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Durango.Server.Cli;

/// <summary>
/// <c>-o yaml</c>: what the CLI prints as JSON, written as YAML (argo's <c>-o yaml</c>), keys in their JSON order and
/// strings quoted where YAML would read them as something else (<c>"true"</c>, <c>"1"</c>).
/// </summary>
internal static class YamlOutput
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();

    /// <summary><paramref name="value"/> (serialized as the JSON output would be) as a YAML document.</summary>
    public static string Write(object? value) => Write(JsonSerializer.SerializeToNode(value, Durango.Api.Workflows.WorkflowJson.Options));

    /// <summary><paramref name="node"/> as a YAML document.</summary>
    public static string Write(JsonNode? node) => Serializer.Serialize(Plain(node));

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var whole) => whole,
            JsonValueKind.Number => v.GetValue<double>(),
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
