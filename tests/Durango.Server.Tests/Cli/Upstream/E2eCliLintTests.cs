using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Ports of test/e2e/cli_test.go (CLISuite)'s TestWorkflowLint and TestWorkflowOfflineLint. Durango's lint needs no
/// server (it is argo's <c>--offline</c> lint), so a workflow that refers to a template is linted with the template's file.
/// </summary>
public sealed class E2eCliLintTests : E2eCliTest
{
    // expectedfailures/empty-parameter-dag.yaml
    private const string EmptyParameterDag = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: arguments-dag-}
        spec:
          entrypoint: abc
          arguments: {parameters: []}
          templates:
            - name: abc
              dag:
                tasks:
                  - name: a
                    template: whalesay
                    arguments:
                      parameters:
                  - {name: b, template: whalesay, arguments: {parameters: [{name: message, value: banana}]}}
            - name: whalesay
              inputs: {parameters: [{name: message}]}
              container: {image: argoproj/argosay:v1, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
        """;

    // expectedfailures/empty-parameter-steps.yaml
    private const string EmptyParameterSteps = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: arguments-steps-}
        spec:
          entrypoint: abc
          arguments: {parameters: []}
          templates:
            - name: abc
              steps:
                - - name: a
                    template: whalesay
                    arguments:
                      parameters:
                - - {name: b, template: whalesay, arguments: {parameters: [{name: message, value: banana}]}}
            - name: whalesay
              inputs: {parameters: [{name: message}]}
              container: {image: argoproj/argosay:v1, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
        """;

    // testdata/workflow-template-nested-template.yaml (the template it refers to is linted with it)
    private const string NestedTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: workflow-template-nested-template}
        spec:
          templates:
            - name: whalesay-inner-template
              inputs: {parameters: [{name: message}]}
              steps:
                - - name: step
                    arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                    templateRef: {name: workflow-template-whalesay-template, template: whalesay-template}
            - name: whalesay-template
              inputs: {parameters: [{name: message}]}
              steps:
                - - name: step
                    arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                    template: whalesay-inner-template
        """;

    private protected override ServeFixture? Serve => null;

    // Ports TestWorkflowLint: LintFile, Valid.
    [Theory]
    [InlineData(E2eCliFiles.Basic)]
    [InlineData(E2eCliFiles.Exit1)]
    public async Task WorkflowLint_Valid_NoLintingErrors(string workflow)
    {
        var run = await DurangoCli.RunAsync("lint", Files.Write($"{Guid.NewGuid():N}.yaml", workflow));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no linting errors found", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's LintFileEmptyTemplateSteps: an empty step group is allowed.
    [Fact]
    public async Task WorkflowLint_EmptyTemplateSteps_NoLintingErrors()
    {
        var run = await DurangoCli.RunAsync("lint", Files.Write("empty-template-steps.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: empty-array-in-steps}
            spec:
              entrypoint: steps-with-empty-array
              templates:
                - name: steps-with-empty-array
                  steps:
                    - - {name: hello1, template: hello, arguments: {parameters: [{name: message, value: hello1}]}}
                    - []
                    - - {name: hello2, template: hello, arguments: {parameters: [{name: message, value: hello2}]}}
                - name: hello
                  inputs: {parameters: [{name: message}]}
                  container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            """));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("no linting errors found", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's LintFileEmptyParamDAG, LintFileEmptyParamSteps and Invalid: a task or step that does not
    // supply its template's input parameter is one linting error at that task or step. Upstream words it
    // "PATH templates.whalesay inputs.parameters.message was not supplied"; Durango names the same path, parameter and
    // template, and what to do.
    [Theory]
    [InlineData(EmptyParameterDag, "templates.abc.tasks.a")]
    [InlineData(EmptyParameterSteps, "templates.abc.steps[0].a")]
    public async Task WorkflowLint_EmptyParameter_OneError(string workflow, string path)
    {
        var run = await DurangoCli.RunAsync("lint", Files.Write($"{Guid.NewGuid():N}.yaml", workflow));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}.arguments.parameters.message was not supplied (template 'whalesay' needs it)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 linting errors found!", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's LintFileMisreferenceTemplate.
    [Fact]
    public async Task WorkflowLint_MisreferencedTemplate_Undefined()
    {
        var run = await DurangoCli.RunAsync("lint", Files.Write("misreference-template-name.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-with-misreference-}
            spec:
              entrypoint: steps-with-misreference
              templates:
                - name: steps-with-misreference
                  steps:
                    - - {name: hello1, template: hello, arguments: {parameters: [{name: message, value: hello1}]}}
                    - - {name: hello2, template: hell0, arguments: {parameters: [{name: message, value: hello2}]}}
                - name: hello
                  inputs: {parameters: [{name: message}]}
                  container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
            """));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("templates.steps-with-misreference.steps[1].hello2 template name 'hell0' undefined", run.Stdout, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's LintFileWithTemplate (upstream's lint finds the template on the server; Durango's, in the
    // files given) and "Different Kind" (a WorkflowTemplate is linted too).
    [Fact]
    public async Task WorkflowLint_WithTemplate_NoLintingErrors()
    {
        var template = Files.Write("workflow-template-whalesay-template.yaml", SmokeTemplates.Whalesay);
        var workflow = Files.Write("hello-world-workflow-tmpl.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-hello-world-}
            spec:
              entrypoint: whalesay
              templates:
                - name: whalesay
                  steps:
                    - - name: step
                        templateRef: {name: workflow-template-whalesay-template, template: whalesay-template}
                        arguments: {parameters: [{name: message, value: hello world}]}
            """);
        var nested = Files.Write("workflow-template-nested-template.yaml", NestedTemplate);

        var withTemplate = await DurangoCli.RunAsync("lint", workflow, template);
        var differentKind = await DurangoCli.RunAsync("lint", nested, template);

        Assert.True(withTemplate.ExitCode == 0, withTemplate.Stdout);
        Assert.Contains("no linting errors found", withTemplate.Stderr, StringComparison.Ordinal);
        Assert.True(differentKind.ExitCode == 0, differentKind.Stdout);
        Assert.Contains("no linting errors found", differentKind.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's LintDir: a directory lints the files in it.
    [Fact]
    public async Task WorkflowLint_Directory_NoLintingErrors()
    {
        Files.Write("dir/my-workflow.yaml", E2eCliFiles.Basic);

        var run = await DurangoCli.RunAsync("lint", Path.Combine(Files.Directory, "dir"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no linting errors found! (1 file(s)", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's "Lint Only Workflows": --kinds wf on a file with no Workflow is a failure, not a usage error.
    [Fact]
    public async Task WorkflowLint_KindsWithNothingToLint_Fails()
    {
        var run = await DurangoCli.RunAsync("lint", "--kinds", "wf", Files.Write("workflow-template-nested-template.yaml", NestedTemplate));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("found nothing to lint in the specified paths, failing...", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's "All Kinds": a WorkflowTemplate whose template has no name is one error.
    [Fact]
    public async Task WorkflowLint_MalformedTemplate_OneError()
    {
        var run = await DurangoCli.RunAsync("lint", Files.Write("malformed-workflowtemplate-2.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: malformed
              labels: {argo-e2e: "true"}
            spec:
              templates:
                - container:
                    image: argoproj/argosay:v2
            """));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("spec.templates[0].name", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 linting errors found!", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowLint's "Lint Only CronWorkflows": --kinds cronwf lints the CronWorkflow and ignores the malformed
    // WorkflowTemplate in the same file.
    [Fact]
    public async Task WorkflowLint_OnlyCronWorkflows_IgnoresOtherKinds()
    {
        var run = await DurangoCli.RunAsync("lint", "--kinds", "cronwf", Files.Write("cron-and-malformed-template.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata:
              name: test-cron-wf-basic
              labels: {argo-e2e: "true"}
            spec:
              schedules: ["* * * * *"]
              concurrencyPolicy: Allow
              startingDeadlineSeconds: 0
              successfulJobsHistoryLimit: 4
              failedJobsHistoryLimit: 2
              workflowMetadata: {labels: {argo-e2e: "true"}}
              workflowSpec:
                entrypoint: whalesay
                templates:
                  - name: whalesay
                    container: {image: argoproj/argosay:v2, args: [echo, hello]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: basic-malformed
              labels: {argo-e2e: "true"}
            spec:
              workflowMetadata: {labels: {argo-e2e: "true"}}
              entrypoints: main
              templates:
                - container:
                    image: argoproj/argosay:v2
            """));

        Assert.True(run.ExitCode == 0, run.Stdout);
        Assert.Contains("no linting errors found", run.Stderr, StringComparison.Ordinal);
    }

    // Ports TestWorkflowOfflineLint: --offline (Durango's lint always is) with --kinds=workflows.
    [Fact]
    public async Task WorkflowOfflineLint_NoLintingErrors()
    {
        var run = await DurangoCli.RunAsync("lint", "--offline=true", "--kinds=workflows", Files.Write("basic.yaml", E2eCliFiles.Basic));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no linting errors found", run.Stderr, StringComparison.Ordinal);
    }
}
