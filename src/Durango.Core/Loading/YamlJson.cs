using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// Converts a YAML document to JSON the way Kubernetes does for an object it stores: plain scalars that look like
/// numbers, booleans or null become those, quoted ones stay strings. Used to show a workflow's spec as written.
/// </summary>
public static class YamlJson
{
    /// <summary>Document <paramref name="index"/> (as <see cref="LoadedDocument.Index"/> counts) of <paramref name="yaml"/> as JSON, or null.</summary>
    public static JsonNode? Convert(string yaml, int index)
    {
        try
        {
            var stream = LenientYaml.Parse(yaml);
            return index >= 0 && index < stream.Documents.Count ? ToJson(stream.Documents[index].RootNode, 0) : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static JsonNode? ToJson(YamlNode node, int depth)
    {
        if (depth > WorkflowLoader.MaxDepth)
        {
            return null;
        }

        return node switch
        {
            YamlMappingNode map => new JsonObject(map.Children
                .Where(p => p.Key is YamlScalarNode)
                .Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? string.Empty, ToJson(p.Value, depth + 1)))
                .DistinctBy(p => p.Key)),
            YamlSequenceNode list => new JsonArray(list.Children.Select(c => ToJson(c, depth + 1)).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
