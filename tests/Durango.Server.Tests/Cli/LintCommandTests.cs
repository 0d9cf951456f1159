using System.Text.Json;
using Durango.Testing;

namespace Durango.Server.Tests.Cli;

public class LintCommandTests
{
    [Fact]
    public async Task Lint_ValidSeeds_ExitZero()
    {
        var run = await DurangoCli.RunAsync("lint", ConformanceCorpus.Seed("exit-handlers.yaml"), ConformanceCorpus.Seed("lifecycle-hook-wf-level.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no linting errors found! (2 file(s)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_ExitOnlySeed_PrintsArgoStyleLineAndExitsOne()
    {
        var file = ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml");

        var run = await DurangoCli.RunAsync("lint", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{file}:18:19: error: templates.main.steps[0].step1 template name 'heads' undefined", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("(spec.templates[0].steps[0][0].template)" + Environment.NewLine, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_OutputJson_IsMachineReadable()
    {
        var run = await DurangoCli.RunAsync("lint", "--output", "json", ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml"));

        Assert.Equal(1, run.ExitCode);
        var diagnostic = Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(18, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(19, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal("spec.templates[0].steps[0][0].template", diagnostic.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Lint_TemplatesGivenAlongside_ResolveTemplateRefs()
    {
        var dir = Directory.CreateTempSubdirectory("durango-lint-");
        try
        {
            var workflow = Path.Combine(dir.FullName, "wf.yaml");
            await File.WriteAllTextAsync(workflow, """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: notify-}
                spec:
                  entrypoint: main
                  onExit: notify
                  templates:
                  - name: main
                    container: {image: alpine, command: [sh, -c, "exit 0"]}
                  - name: notify
                    steps:
                    - - name: webhook
                        templateRef: {name: step-notify-webhook, template: webhook, clusterScope: true}
                        arguments:
                          parameters: [{name: WEBHOOK_ENDPOINT, value: "http://127.0.0.1:1/hook"}]
                """);

            Assert.Equal(1, (await DurangoCli.RunAsync("lint", workflow)).ExitCode);
            Assert.Equal(0, (await DurangoCli.RunAsync("lint", workflow, ConformanceCorpus.Seed("cluster-template-notify-webhook.yaml"))).ExitCode);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Lint_MissingFile_IsErrorNotCrash()
    {
        var run = await DurangoCli.RunAsync("lint", "/nonexistent/wf.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("/nonexistent/wf.yaml: error: cannot read the file: Could not find a part of the path", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "lint" }, 2)]
    [InlineData(new[] { "bogus" }, 2)]
    [InlineData(new[] { "--help" }, 0)]
    public async Task Usage_ErrorsExitTwo(string[] args, int expected) =>
        Assert.Equal(expected, (await DurangoCli.RunAsync(args)).ExitCode);

    [Theory]
    [InlineData("yaml")]
    [InlineData("when")]
    public async Task Lint_100000DeepFile_ExitsOneWithDiagnostic(string where)
    {
        const int Deep = 100_000;
        var dir = Directory.CreateTempSubdirectory("durango-lint-deep-");
        try
        {
            var file = Path.Combine(dir.FullName, "deep.yaml");
            var steps = "kind: Workflow\nmetadata: {name: deep}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps:\n    - - name: s\n        template: t\n";
            var text = where == "yaml"
                ? steps + "        withItems: " + new string('[', Deep) + new string(']', Deep) + "\n"
                : steps + "        when: '" + new string('!', Deep) + "true'\n";
            await File.WriteAllTextAsync(file, text + "  - name: t\n    suspend: {}\n");

            var run = await DurangoCli.RunAsync("lint", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(where == "yaml"
                ? $"{file}:10:269: error: the document nests deeper than 256 levels" // withItems' value starts at column 20, 7 levels down
                : $"{file}:10:15: error: invalid expression", run.Stdout, StringComparison.Ordinal);
            Assert.Contains(where == "yaml" ? "(spec.templates[0].steps[0][0].withItems[0]" : "Durango:Limits:ExpressionDepth", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
