using Durango.Testing;
using YamlDotNet.RepresentationModel;

namespace Durango.Conformance.Tests;

/// <summary>
/// The ConfigMaps upstream's examples read (<c>examples/configmaps/*.yaml</c>, which upstream's e2e suite creates
/// before it runs them), as Durango's configuration: <c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c>.
/// </summary>
internal static class UpstreamConfigMaps
{
    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(ConformanceCorpus.ArgoExamples, "configmaps"), "*.yaml"))
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file)))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                if (document.RootNode is not YamlMappingNode root
                    || root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) is false
                    || ((YamlMappingNode)metadata).Children.TryGetValue(new YamlScalarNode("name"), out var name) is false
                    || root.Children.TryGetValue(new YamlScalarNode("data"), out var data) is false)
                {
                    continue;
                }

                foreach (var (key, value) in ((YamlMappingNode)data).Children)
                {
                    settings[$"ConfigMaps:{name}:{key}"] = ((YamlScalarNode)value).Value;
                }
            }
        }

        return settings;
    }
}
