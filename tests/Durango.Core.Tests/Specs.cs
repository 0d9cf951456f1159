using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Validation;

namespace Durango.Core.Tests;

/// <summary>Small helpers to load and lint YAML written inline in a test.</summary>
internal static class Specs
{
    public static LoadedDocument LoadOne(string yaml)
    {
        var result = WorkflowLoader.Load(yaml, "test.yaml");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return Assert.Single(result.Documents);
    }

    public static IReadOnlyList<Diagnostic> Lint(string yaml, ITemplateRegistry? registry = null) =>
        WorkflowValidator.Lint(yaml, "test.yaml", registry).Diagnostics;

    public static IReadOnlyList<Diagnostic> Errors(string yaml, ITemplateRegistry? registry = null) =>
        Lint(yaml, registry).Where(d => d.IsError).ToList();

    /// <summary>A minimal workflow around the given templates YAML (indented as list items under templates:).</summary>
    public static string Workflow(string templates, string entrypoint = "main", string extraSpec = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: test-
        spec:
          entrypoint: {entrypoint}
        {Indent(extraSpec, 2)}
          templates:
        {Indent(templates, 2)}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));
}
