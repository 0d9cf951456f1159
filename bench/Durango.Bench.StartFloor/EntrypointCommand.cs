using YamlDotNet.RepresentationModel;

namespace Durango.Bench.StartFloor;

/// <summary>The command of a workflow's entrypoint, read from its YAML: <c>spec.templates[entrypoint].container</c>.</summary>
internal static class EntrypointCommand
{
    /// <summary>The entrypoint's <c>command</c> followed by its <c>args</c>.</summary>
    public static string[] Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var spec = Child((YamlMappingNode)stream.Documents[0].RootNode, "spec");
        var entrypoint = ((YamlScalarNode)spec.Children[new YamlScalarNode("entrypoint")]).Value;
        var template = ((YamlSequenceNode)spec.Children[new YamlScalarNode("templates")]).Children
            .OfType<YamlMappingNode>()
            .First(t => ((YamlScalarNode)t.Children[new YamlScalarNode("name")]).Value == entrypoint);
        var container = Child(template, "container");
        return [.. Strings(container, "command"), .. Strings(container, "args")];
    }

    private static YamlMappingNode Child(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var list)
            ? ((YamlSequenceNode)list).Children.Select(item => ((YamlScalarNode)item).Value ?? string.Empty)
            : [];
}
