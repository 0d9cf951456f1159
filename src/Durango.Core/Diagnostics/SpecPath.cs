namespace Durango.Core.Diagnostics;

/// <summary>Builds and takes apart paths in a spec: <c>spec.templates[1].steps[0][0]</c>.</summary>
public static class SpecPath
{
    /// <summary>The path of field <paramref name="field"/> under <paramref name="parent"/>.</summary>
    public static string Field(string parent, string field) =>
        parent.Length == 0 ? field : $"{parent}.{field}";

    /// <summary>The path of element <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path one level up; empty at the root.</summary>
    public static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
