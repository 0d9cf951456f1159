using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Durango.Server.Cli.Client;

/// <summary>argo's <c>--parameter-file</c>: a YAML (or JSON) map of parameter names to values.</summary>
internal static class ParameterFile
{
    /// <summary>The file's pairs in order; throws <see cref="CliUsageException"/> when it is not a map of names to scalars.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliUsageException($"{file}:{e.Start.Line}:{e.Start.Column}: error: the parameter file is not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new CliUsageException($"{file}: error: the parameter file must be a map of parameter names to values, like 'message: hello'");
        }

        return map.Children.Select(entry => entry is { Key: YamlScalarNode { Value: { } name }, Value: YamlScalarNode value }
            ? KeyValuePair.Create(name, value.Value ?? string.Empty)
            : throw new CliUsageException($"{file}:{entry.Key.Start.Line}:{entry.Key.Start.Column}: error: a parameter's value must be a string, number or boolean")).ToList();
    }
}
