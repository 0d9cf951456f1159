using Durango.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// The diagnostics and source map of the document being read. <paramref name="display"/>, when given, turns a
/// recorded path into the one diagnostics show (a CronWorkflow's <c>spec.workflowSpec</c> is recorded as <c>spec</c>).
/// </summary>
internal sealed class LoadContext(SourceMap sourceMap, List<Diagnostic> diagnostics, Func<string, string>? display = null)
{
    public SourceMap SourceMap { get; } = sourceMap;

    public void Record(string path, YamlNode node) =>
        SourceMap.Add(path, checked((int)node.Start.Line), checked((int)node.Start.Column));

    public void Report(Severity severity, string code, string path, string message, YamlNode? at = null) =>
        diagnostics.Add(new Diagnostic(severity, code, message, display is null ? path : display(path), at is null
            ? SourceMap.Locate(path)
            : new SourceLocation(SourceMap.File, checked((int)at.Start.Line), checked((int)at.Start.Column))));

    /// <summary>The same document read under another path mapping (<paramref name="view"/>).</summary>
    public LoadContext WithDisplay(Func<string, string> view) => new(SourceMap, diagnostics, view);

    public void Error(string code, string path, string message) => Report(Severity.Error, code, path, message);

    public void Warning(string code, string path, string message) => Report(Severity.Warning, code, path, message);

    /// <summary>Reads <paramref name="node"/> as a mapping, or reports what it is instead.</summary>
    public MapReader? Map(YamlNode node, string path, FieldPolicy policy)
    {
        Record(path, node);
        if (node is YamlMappingNode mapping)
        {
            return new MapReader(this, mapping, path, policy);
        }

        if (node is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return new MapReader(this, new YamlMappingNode(), path, policy);
        }

        Error(DiagnosticCodes.WrongType, path, $"expected a mapping (key: value lines) here, found {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"the value '{Shorten(s.Value)}'",
        _ => "an unexpected node",
    };

    private static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 40 ? value : value[..40] + "...";
}
