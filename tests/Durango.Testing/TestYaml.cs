namespace Durango.Testing;

/// <summary>Builds workflow YAML in tests from pieces written at any indentation.</summary>
public static class TestYaml
{
    /// <summary>Re-indents <paramref name="text"/> so that its least-indented lines start at column <paramref name="by"/>.</summary>
    public static string Indent(string text, int by)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        var common = lines.Count == 0 ? 0 : lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Concat(lines.Select(l => new string(' ', by) + l[common..] + "\n"));
    }
}
