using System.Text.Json;
using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using YamlDotNet.Serialization;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Ports of test/e2e/cli_test.go (CLISuite) for <c>submit</c>, <c>list</c>, <c>get</c>, <c>wait</c>, <c>watch</c> and
/// <c>completion</c>, run against a <c>durango serve</c> of this class's own.
/// </summary>
public sealed class E2eCliSubmitTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestCompletion: a bash completion script (upstream's names argo, Durango's durango).
    [Fact]
    public async Task Completion_Bash_PrintsTheScript()
    {
        var run = await DurangoCli.RunAsync("completion", "bash");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("durango completion for bash", run.Stdout, StringComparison.Ordinal);
    }

    // Ports TestSubmitDryRun: --dry-run -o yaml prints the workflow as it would be sent, with its generateName and no
    // uid, and creates nothing.
    [Fact]
    public async Task SubmitDryRun_PrintsTheWorkflowWithoutUid()
    {
        var label = E2eCliFiles.NewLabel();
        var run = await serve.DurangoAsync("submit", Files.Write("basic.yaml", E2eCliFiles.Basic), "--dry-run", "-o", "yaml", "-l", label);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("generateName: basic", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("uid:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(label.Replace("=", ": ", StringComparison.Ordinal), run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await serve.DurangoAsync("list", "-l", label, "-o", "name")).Stdout);
    }

    // Ports TestSubmitInvalidWf: a file that is not valid YAML is refused (exit 1) and nothing is submitted. Upstream's
    // words are "yaml file is not valid ... index=0"; Durango's name the file's line and column.
    [Fact]
    public async Task SubmitInvalidWf_FailsAtTheFilesLine()
    {
        var file = Files.Write("basic-invalid.yaml", E2eCliFiles.BasicInvalid);
        var run = await serve.DurangoAsync("submit", file, "-l", E2eCliFiles.NewLabel());

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"^{Regex(file)}:11:\d+: error: ", run.Stderr);
    }

    // Ports TestSubmitServerDryRun: --server-dry-run has the server validate and name the workflow (with a uid), and
    // start nothing.
    [Fact]
    public async Task SubmitServerDryRun_ServerNamesItWithUid()
    {
        var label = E2eCliFiles.NewLabel();
        var run = await serve.DurangoAsync("submit", Files.Write("basic.yaml", E2eCliFiles.Basic), "--server-dry-run", "-o", "yaml", "-l", label);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("name: basic-", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("uid:", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await serve.DurangoAsync("list", "-l", label, "-o", "name")).Stdout);
    }

    // Ports TestSubmitWorkflowTemplateDryRun and TestSubmitWorkflowTemplateServerDryRun: --from workflowtemplate/NAME with
    // either dry run answers a workflow named after the template, a uid only from the server, and none is listed.
    [Theory]
    [InlineData("--dry-run", false)]
    [InlineData("--server-dry-run", true)]
    public async Task SubmitWorkflowTemplateDryRun_CreatesNothing(string dryRun, bool hasUid)
    {
        await WithTemplateAsync("template", SmokeTemplates.Whalesay, "workflow-template-whalesay-template", async () =>
        {
            var label = E2eCliFiles.NewLabel();
            var run = await serve.DurangoAsync("submit", dryRun, "--from", "workflowtemplate/workflow-template-whalesay-template", "-o", "yaml", "-l", label);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains(hasUid ? "name: workflow-template-whalesay-template-" : "generateName: workflow-template-whalesay-template-", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(hasUid, run.Stdout.Contains("uid:", StringComparison.Ordinal));
            var listed = await serve.DurangoAsync("list", "-l", $"workflows.argoproj.io/workflow-template=workflow-template-whalesay-template,{label}", "-o", "name");
            Assert.Equal(string.Empty, listed.Stdout);
        });
    }

    // Ports TestParametersFile: --parameter-file's values reach the workflow, shown in argo get's Parameters.
    [Fact]
    public async Task ParametersFile_ValuesAreTheWorkflows()
    {
        var parameters = Files.Write("parameters-file.yaml", "message: hello");
        var run = await serve.DurangoAsync("submit", Files.Write("parameters-workflow.yaml", E2eCliFiles.Parameters), "-l", E2eCliFiles.NewLabel(), $"--parameter-file={parameters}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("message:           hello", run.Stdout, StringComparison.Ordinal);
        var view = await serve.WaitAsync(E2eCliFiles.NameIn(run.Stdout));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestRoot (Submit, List's five outputs, Get, Delete; its From part is skipped upstream).
    [Fact]
    public async Task Root_SubmitListGetDelete()
    {
        var label = E2eCliFiles.NewLabel();
        var submit = await serve.DurangoAsync("submit", Files.Write("basic-workflow.yaml", E2eCliFiles.Basic), "-l", label);
        Assert.Equal(0, submit.ExitCode);
        foreach (var field in new[] { "Name:", "Namespace:", "ServiceAccount:", "Status:", "Created:" })
        {
            Assert.Contains(field, submit.Stdout, StringComparison.Ordinal);
        }

        await serve.WaitAsync(E2eCliFiles.NameIn(submit.Stdout));

        var table = await serve.DurangoAsync("list", "-l", label);
        Assert.Equal(0, table.ExitCode);
        foreach (var column in new[] { "NAME", "STATUS", "AGE", "DURATION", "PRIORITY" })
        {
            Assert.Contains(column, table.Stdout, StringComparison.Ordinal);
        }

        var names = await serve.DurangoAsync("list", "-l", label, "-o", "name");
        Assert.Equal(0, names.ExitCode);
        Assert.DoesNotContain("NAME", names.Stdout, StringComparison.Ordinal);
        Assert.Equal(E2eCliFiles.NameIn(submit.Stdout), names.Stdout.Trim());

        var wide = await serve.DurangoAsync("list", "-l", label, "-o", "wide");
        Assert.Contains("PARAMETERS", wide.Stdout, StringComparison.Ordinal);

        var json = await serve.DurangoAsync("list", "-l", label, "-o", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(json.Stdout).RootElement.GetArrayLength());

        var yaml = await serve.DurangoAsync("list", "-l", label, "-o", "yaml");
        Assert.Equal(0, yaml.ExitCode);
        Assert.Single(new DeserializerBuilder().Build().Deserialize<List<Dictionary<string, object>>>(yaml.Stdout));

        var get = await serve.DurangoAsync("get", "@latest");
        Assert.Equal(0, get.ExitCode);
        foreach (var field in new[] { "Name:", "Namespace:", "ServiceAccount:", "Status:", "Created:" })
        {
            Assert.Contains(field, get.Stdout, StringComparison.Ordinal);
        }

        var delete = await serve.DurangoAsync("delete", "@latest");
        Assert.True(delete.ExitCode == 0, delete.Stderr);
    }

    // Ports TestSubmitClusterWorkflowTemplate: --from clusterworkflowtemplate/NAME --name my-wf runs to Succeeded.
    [Fact]
    public async Task SubmitClusterWorkflowTemplate_Succeeds()
    {
        await WithTemplateAsync("cluster-template", SmokeTemplates.ClusterWhalesay, "cluster-workflow-template-whalesay-template", async () =>
        {
            var run = await serve.DurangoAsync("submit", "--from", "clusterworkflowtemplate/cluster-workflow-template-whalesay-template", "--name", "my-wf", "-l", E2eCliFiles.NewLabel());

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync("my-wf")).Status.Phase);
        });
    }

    // Ports TestWorkflowTemplateRefSubmit: template create and cluster-template create print Name (Namespace) and
    // Created; workflows referring to each (workflowTemplateRef) are submitted.
    [Fact]
    public async Task WorkflowTemplateRefSubmit_TemplatesAndWorkflowsCreated()
    {
        await WithTemplateAsync("template", SmokeTemplates.Whalesay, "workflow-template-whalesay-template", async () =>
            await WithTemplateAsync("cluster-template", SmokeTemplates.ClusterWhalesay, "cluster-workflow-template-whalesay-template", async () =>
            {
                foreach (var (file, scope) in new[] { ("workflow-template-ref.yaml", string.Empty), ("cluster-workflow-template-ref.yaml", ", clusterScope: true") })
                {
                    var text = $$"""
                        apiVersion: argoproj.io/v1alpha1
                        kind: Workflow
                        metadata: {generateName: workflow-template-hello-world-}
                        spec:
                          entrypoint: whalesay-template
                          arguments: {parameters: [{name: message, value: hello world}]}
                          workflowTemplateRef: {name: {{(scope.Length == 0 ? "workflow-template-whalesay-template" : "cluster-workflow-template-whalesay-template")}}{{scope}}}
                        """;
                    var run = await serve.DurangoAsync("submit", Files.Write(file, text), "-l", E2eCliFiles.NewLabel());

                    Assert.Equal(0, run.ExitCode);
                    Assert.Contains("Name:", run.Stdout, StringComparison.Ordinal);
                    Assert.Contains("Namespace:", run.Stdout, StringComparison.Ordinal);
                    Assert.Contains("Created:", run.Stdout, StringComparison.Ordinal);
                    Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(E2eCliFiles.NameIn(run.Stdout))).Status.Phase);
                }
            }));
    }

    // Ports TestWorkflowWait: wait NAME blocks until the end and prints "NAME Succeeded".
    [Fact]
    public async Task WorkflowWait_PrintsTheEndPhase()
    {
        var submit = await serve.DurangoAsync("submit", Files.Write("basic.yaml", E2eCliFiles.Basic), "-l", E2eCliFiles.NewLabel());
        var name = E2eCliFiles.NameIn(submit.Stdout);

        var run = await serve.DurangoAsync("wait", name);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches($"^{name} Succeeded", run.Stdout);
    }

    // Ports TestWorkflowWatch: watch @latest follows the workflow to its end and prints argo get's view.
    [Fact]
    public async Task WorkflowWatch_PrintsTheWorkflow()
    {
        var submit = await serve.DurangoAsync("submit", Files.Write("basic.yaml", E2eCliFiles.Basic), "-l", E2eCliFiles.NewLabel());

        var run = await serve.DurangoAsync("watch", "@latest");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Name:                {E2eCliFiles.NameIn(submit.Stdout)}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Status:              Succeeded", run.Stdout, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    /// <summary>Creates a template with the CLI (checking argo's Name and Created lines), runs <paramref name="body"/>, deletes it.</summary>
    private async Task WithTemplateAsync(string command, string text, string name, Func<Task> body)
    {
        var create = await serve.DurangoAsync(command, "create", Files.Write($"{name}.yaml", text));
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains($"Name:                {name}", create.Stdout, StringComparison.Ordinal);
        Assert.Contains("Created:", create.Stdout, StringComparison.Ordinal);
        try
        {
            await body();
        }
        finally
        {
            await serve.DurangoAsync(command, "delete", name);
        }
    }
}
