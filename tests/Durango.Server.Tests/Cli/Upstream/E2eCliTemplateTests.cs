using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Ports of test/e2e/cli_test.go (CLISuite)'s TestTemplateCommands and TestClusterTemplateCommands, against a
/// <c>durango serve</c> of this class's own.
/// </summary>
public sealed class E2eCliTemplateTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    // testdata/basic-workflowtemplate.yaml
    private const string BasicTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: basic}
        spec:
          workflowMetadata: {labels: {workflows.argoproj.io/test: "true"}}
          entrypoint: main
          templates:
            - name: main
              container: {image: argoproj/argosay:v2}
        """;

    // testdata/basic-workflowtemplate-update.yaml: main becomes main-2.
    private const string BasicTemplateUpdate = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: basic}
        spec:
          workflowMetadata: {labels: {workflows.argoproj.io/test: "true"}}
          entrypoint: main-2
          templates:
            - name: main-2
              container: {image: argoproj/argosay:v1}
        """;

    private protected override ServeFixture? Serve => serve;

    // Ports TestTemplateCommands: lint (no argument, a file, a directory with an invalid template; lint needs no server),
    // create, list, get (missing and present), submit --from, update twice with get -o yaml after each, delete. A missing
    // argument is exit 2, Durango's code for bad usage (upstream's cobra exits 1 and prints the usage).
    [Fact]
    public async Task TemplateCommands_LintCreateListGetSubmitUpdateDelete()
    {
        var noArgs = await DurangoCli.RunAsync("template", "lint");
        Assert.Equal(2, noArgs.ExitCode);
        Assert.Contains("required argument missing", noArgs.Stderr, StringComparison.Ordinal);

        var file = Files.Write("basic-workflowtemplate.yaml", BasicTemplate);
        var lint = await DurangoCli.RunAsync("template", "lint", file);
        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("no linting errors found!", lint.Stderr, StringComparison.Ordinal);

        Files.Write("workflow-templates/workflowtemplate.yaml", BasicTemplate);
        Files.Write("workflow-templates/invalid-workflowtemplate.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: basic-invalid}
            spec:
              workflowMetadata: {labels: {workflows.argoproj.io/test: "true"}}
              entrypoints: main
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2}
            """);
        var dir = await DurangoCli.RunAsync("template", "lint", Path.Combine(Files.Directory, "workflow-templates"));
        Assert.Equal(1, dir.ExitCode);
        Assert.Contains("invalid-workflowtemplate.yaml", dir.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown field 'entrypoints'", dir.Stdout, StringComparison.Ordinal);
        Assert.Contains("linting errors found!", dir.Stderr, StringComparison.Ordinal);

        var create = await serve.DurangoAsync("template", "create", file);
        Assert.True(create.ExitCode == 0, create.Stderr);
        AssertHeader(create.Stdout);
        Assert.Contains("NAME", (await serve.DurangoAsync("template", "list")).Stdout, StringComparison.Ordinal);

        var missing = await serve.DurangoAsync("template", "get", "not-found");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("'not-found' not found", missing.Stderr, StringComparison.Ordinal);
        AssertHeader((await serve.DurangoAsync("template", "get", "basic")).Stdout);

        var submit = await serve.DurangoAsync("submit", "--from", "workflowtemplate/basic");
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        AssertHeader(submit.Stdout);
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(E2eCliFiles.NameIn(submit.Stdout))).Status.Phase);

        var update = await serve.DurangoAsync("template", "update", Files.Write("basic-workflowtemplate-update.yaml", BasicTemplateUpdate));
        Assert.True(update.ExitCode == 0, update.Stderr);
        AssertHeader(update.Stdout);
        var updated = await serve.DurangoAsync("template", "get", "basic", "-o", "yaml");
        Assert.Contains("entrypoint: main-2", updated.Stdout, StringComparison.Ordinal);
        Assert.Contains("name: main-2", updated.Stdout, StringComparison.Ordinal);

        AssertHeader((await serve.DurangoAsync("template", "update", file)).Stdout);
        var back = await serve.DurangoAsync("template", "get", "basic", "-o", "yaml");
        Assert.Contains("entrypoint: main", back.Stdout, StringComparison.Ordinal);
        Assert.Contains("name: main", back.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("entrypoint: main-2", back.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("name: main-2", back.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await serve.DurangoAsync("template", "delete", "basic")).ExitCode);
    }

    // Ports TestClusterTemplateCommands: create, get, update (a new argument text, then a new parameter value) with
    // get -o yaml after each, list, delete; each names the template.
    [Fact]
    public async Task ClusterTemplateCommands_CreateGetUpdateListDelete()
    {
        const string Name = "cluster-workflow-template-whalesay-template";
        var create = await serve.DurangoAsync("cluster-template", "create", Files.Write("cwft.yaml", SmokeTemplates.ClusterWhalesay));
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains(Name, create.Stdout, StringComparison.Ordinal);
        Assert.Contains(Name, (await serve.DurangoAsync("cluster-template", "get", Name)).Stdout, StringComparison.Ordinal);

        var echo = SmokeTemplates.ClusterWhalesay.Replace("args: [echo, \"{{inputs.parameters.message}}\"]", "args: [echo, \"Updated: {{inputs.parameters.message}}\"]", StringComparison.Ordinal);
        var update = await serve.DurangoAsync("cluster-template", "update", Files.Write("cwft-update.yaml", echo));
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Contains(Name, update.Stdout, StringComparison.Ordinal);
        var updated = await serve.DurangoAsync("cluster-template", "get", Name, "-o", "yaml");
        Assert.Contains(Name, updated.Stdout, StringComparison.Ordinal);
        Assert.Contains("Updated: {{inputs.parameters.message}}", updated.Stdout, StringComparison.Ordinal);

        var thanks = echo.Replace("value: hello world", "value: thanks", StringComparison.Ordinal);
        Assert.Contains(Name, (await serve.DurangoAsync("cluster-template", "update", Files.Write("cwft-update-parameters.yaml", thanks))).Stdout, StringComparison.Ordinal);
        var withThanks = await serve.DurangoAsync("cluster-template", "get", Name, "-o", "yaml");
        Assert.Contains("thanks", withThanks.Stdout, StringComparison.Ordinal);

        Assert.Contains(Name, (await serve.DurangoAsync("cluster-template", "list")).Stdout, StringComparison.Ordinal);
        var delete = await serve.DurangoAsync("cluster-template", "delete", Name);
        Assert.Equal(0, delete.ExitCode);
        Assert.Contains(Name, delete.Stdout, StringComparison.Ordinal);
    }

    private static void AssertHeader(string output)
    {
        Assert.Contains("Name:", output, StringComparison.Ordinal);
        Assert.Contains("Namespace:", output, StringComparison.Ordinal);
        Assert.Contains("Created:", output, StringComparison.Ordinal);
    }
}
