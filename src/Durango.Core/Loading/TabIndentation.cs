using Durango.Core.Diagnostics;
using YamlDotNet.Core;

namespace Durango.Core.Loading;

/// <summary>
/// A tab in indentation is a YAML error that YamlDotNet reports where the enclosing mapping starts (often 1:1); this
/// finds the tab itself, so the diagnostic names its line and column.
/// </summary>
internal static class TabIndentation
{
    /// <summary>The diagnostic for the first tab in indentation at or after the error's line, when the error is about a tab.</summary>
    public static Diagnostic? Find(string text, YamlException error, string file)
    {
        var message = (error.InnerException ?? error).Message;
        if (!message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var lines = text.Split('\n');
        for (var index = (int)Math.Max(0, error.Start.Line - 1); index < lines.Length; index++)
        {
            var line = lines[index];
            var indent = line.Length - line.TrimStart(' ', '\t', '-').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Diagnostic(Severity.Error, DiagnosticCodes.YamlSyntax,
                    "malformed YAML: a tab is used for indentation; YAML indents with spaces only",
                    string.Empty, new SourceLocation(file, index + 1, tab + 1));
            }
        }

        return null;
    }
}
