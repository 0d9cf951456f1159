using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// Parses YAML as Go's yaml.v3 (and so Argo and kubectl) accepts it, and always knows where it stopped.
/// YamlDotNet rejects a multi-line double-quoted scalar whose continuation line is indented no deeper than its
/// parent, such as the closing <c>"]</c> of <c>args: ["...</c> that Argo's own examples write; Go accepts it.
/// Leading blanks of such a line are folded away, so indenting it does not change the value: that is what
/// this does, line by line.
/// </summary>
internal static class LenientYaml
{
    private const string WrongIndentation = "multi-line double-quoted scalar, found wrong indentation";
    private const int MaxRepairs = 200;

    public static YamlStream Parse(string text)
    {
        for (var repairs = 0; ; repairs++)
        {
            var stream = new YamlStream();
            var parser = new YamlGuard(new Parser(new StringReader(text)));
            try
            {
                stream.Load(parser);
                return stream;
            }
            catch (YamlException e) when (repairs < MaxRepairs && e.Message.Contains(WrongIndentation, StringComparison.Ordinal))
            {
                var repaired = Indent(text, checked((int)e.End.Line));
                if (repaired == text)
                {
                    throw;
                }

                text = repaired;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet's scanner fails this way on some broken inputs; say where reading stopped.
                throw new YamlException(parser.LastGood, parser.LastGood, "the parser could not read past this point", e);
            }
        }
    }

    private static string Indent(string text, int line)
    {
        var lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return text;
        }

        lines[line - 1] = "  " + lines[line - 1];
        return string.Join('\n', lines);
    }
}
