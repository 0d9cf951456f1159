using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Validation;

namespace Durango.Core.Tests.Loading;

/// <summary>
/// Deep, duplicated or over-aliased YAML and JSON become one diagnostic at a line and column. Without the guard the
/// 100,000-deep inputs overflow the stack inside YamlDotNet and crash the test run.
/// </summary>
public class LoaderLimitsTests
{
    private const int Deep = 100_000;
    private const string Head = "kind: Workflow\nmetadata: {name: deep}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    suspend: {}\n  arguments:\n    parameters:\n    - name: p\n      value: ";

    public static TheoryData<string, string> DeepDocuments() => new()
    {
        { "flow lists at the root", new string('[', Deep) + new string(']', Deep) },
        { "flow mappings at the root", string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) },
        { "unclosed flow lists", new string('[', Deep) },
        { "block lists", string.Concat(Enumerable.Repeat("- ", Deep)) + "x\n" },
        { "block mappings, one space per level", string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 2_000) + "b\n" },
        { "flow lists in a field", Head + new string('[', Deep) + new string(']', Deep) + "\n" },
        { "flow mappings in a field", Head + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n" },
        { "JSON arrays", "{\"kind\": \"Workflow\", \"spec\": {\"x\": " + new string('[', Deep) + new string(']', Deep) + "}}" },
        { "JSON objects", "{\"kind\": \"Workflow\", \"spec\": " + string.Concat(Enumerable.Repeat("{\"a\": ", Deep)) + "1" + new string('}', Deep) + "}" },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void Load_100000Deep_IsTooDeepDiagnosticWithLocation(string shape, string text)
    {
        var result = WorkflowLoader.Load(text, "deep.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Code == DiagnosticCodes.TooDeep, $"{shape}: {diagnostic}");
        Assert.Contains("deeper than 256 levels", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("deep.yaml", diagnostic.Location!.File);
        Assert.True(diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1);
    }

    [Fact]
    public void Load_DeepValueInField_NamesLineColumnAndPath()
    {
        var result = WorkflowLoader.Load(Head + new string('[', Deep) + new string(']', Deep) + "\n", "deep.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(11, diagnostic.Location!.Line);
        Assert.StartsWith("spec.arguments.parameters[0].value[0][0]", diagnostic.Path, StringComparison.Ordinal);
        Assert.Equal(14 + 256 - 5, diagnostic.Location.Column); // the value starts at column 14, five levels down
    }

    [Fact]
    public void Lint_100000Deep_IsOneErrorNotACrash()
    {
        var result = WorkflowValidator.Lint(Head + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep), "deep.yaml");

        Assert.True(result.HasErrors);
        Assert.Equal(DiagnosticCodes.TooDeep, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Load_NestingWithinLimit_Loads()
    {
        var result = WorkflowLoader.Load(Head + new string('[', 200) + new string(']', 200) + "\n", "ok.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Code is DiagnosticCodes.TooDeep or DiagnosticCodes.YamlSyntax);
    }

    [Theory]
    [InlineData("kind: Workflow\nmetadata: {name: a}\nmetadata: {name: b}\n", 3, 1, "metadata")]
    [InlineData("kind: Workflow\nspec:\n  entrypoint: a\n  templates: []\n  entrypoint: b\n", 5, 3, "spec.entrypoint")]
    [InlineData("{\"kind\": \"Workflow\",\n \"spec\": {\"entrypoint\": \"a\", \"entrypoint\": \"b\"}}", 2, 30, "spec.entrypoint")]
    [InlineData("kind: Workflow\nspec:\n  templates:\n  - name: a\n    name: b\n", 5, 5, "spec.templates[0].name")]
    public void Load_DuplicateKey_IsDiagnosticAtTheSecondKey(string text, int line, int column, string path)
    {
        var result = WorkflowLoader.Load(text, "dup.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateKey, diagnostic.Code);
        Assert.StartsWith("duplicate key '", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((line, column, path), (diagnostic.Location!.Line, diagnostic.Location.Column, diagnostic.Path));
    }

    [Fact]
    public void Load_SameKeyInSiblingMappings_IsFine()
    {
        var result = WorkflowLoader.Load("kind: Workflow\nmetadata: {name: a, labels: {name: x}}\nspec:\n  entrypoint: main\n  templates:\n  - {name: main, suspend: {}}\n  - {name: other, suspend: {}}\n", "ok.yaml");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Load_BillionLaughs_IsDiagnosticNotGigabytes()
    {
        var lines = new List<string> { "kind: Workflow", "x0: &x0 [a, a, a, a, a, a, a, a, a, a]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"x{i}: &x{i} [{string.Join(", ", Enumerable.Repeat($"*x{i - 1}", 10))}]");
        }

        var result = WorkflowLoader.Load(string.Join('\n', lines) + "\n", "laughs.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.TooDeep, diagnostic.Code);
        Assert.Contains("aliases", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_100000Deep_IsNull()
    {
        Assert.Null(YamlJson.Convert(new string('[', Deep) + new string(']', Deep), 0));
    }
}
