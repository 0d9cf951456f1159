using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Ports of test/e2e/cli_test.go (CLISuite)'s <c>retry</c> and <c>resubmit</c> tests, against a <c>durango serve</c> of
/// this class's own. As upstream's suite does before each test, every test starts by deleting the namespace's workflows.
/// </summary>
public sealed class E2eCliRetryTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestWorkflowRetryFailedWorkflow: retry -l picks the failed workflow, which then succeeds (upstream keeps its
    // marker file on a PVC; here it is a file on the host).
    [Fact]
    public async Task RetryFailedWorkflow_BySelector_Succeeds()
    {
        var marker = Path.Combine(Files.Directory, $"artifact-{Guid.NewGuid():N}.txt");
        var name = await SubmitAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: fail-first-pass-second-workflow
              labels: {workflows.argoproj.io/workflow: fail-first-pass-second-workflow}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["if [ -s {{marker}} ]; then echo 'Successfully retried failing workflow.'; else echo 'test artifact' > {{marker}}; exit 1; fi"]
            """);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);

        var retry = await serve.DurangoAsync("retry", "-l", "workflows.argoproj.io/workflow=fail-first-pass-second-workflow", "--namespace=argo");

        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Equal(WorkflowPhase.Succeeded, (await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Succeeded)).Status.Phase);
    }

    // Ports TestWorkflowRetryNestedDag: restarting one succeeded node deep in nested DAGs reruns it and what follows,
    // and the workflow fails again at the failing task.
    [Fact]
    public async Task RetryNestedDag_RestartsTheNestedSteps()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: retry-nested-dag}
            spec:
              entrypoint: outer-dag
              templates:
                - name: outer-dag
                  dag:
                    tasks:
                      - {name: dag1-step1, template: node-to-succeed}
                      - {name: dag1-step2, dependencies: [dag1-step1], template: middle-dag}
                      - {name: dag1-step3-tofail, dependencies: [dag1-step2], template: node-to-fail}
                - name: middle-dag
                  dag:
                    tasks:
                      - {name: dag2-step1, template: inner-dag}
                - name: inner-dag
                  dag:
                    tasks:
                      - {name: dag3-step1, template: node-to-succeed}
                      - {name: dag3-step2, dependencies: [dag3-step1], template: node-to-succeed}
                      - {name: dag3-step3, dependencies: [dag3-step2], template: node-to-succeed}
                - name: node-to-succeed
                  container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["exit 0"]}
                - name: node-to-fail
                  container: {image: argoproj/argosay:v2, command: [sh, -c], args: ["exit 1"]}
            """);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);

        var retry = await serve.DurangoAsync("retry", "retry-nested-dag", "--restart-successful", "--node-field-selector", "name=retry-nested-dag.dag1-step2.dag2-step1.dag3-step1");
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("Name:", retry.Stdout, StringComparison.Ordinal);
        Assert.Contains("Namespace:", retry.Stdout, StringComparison.Ordinal);

        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("dag3-step3").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("dag3-step2").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("dag3-step1").Phase);
    }

    // Ports TestRetryWorkflowWithContinueOn: 7 nodes before and after the retry, and `success` still leads to its two
    // dependents.
    [Fact]
    public async Task RetryWorkflowWithContinueOn_SameNodes()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: retry-workflow-with-continueon}
            spec:
              entrypoint: dag
              templates:
                - name: dag
                  retryStrategy: {limit: 2, retryPolicy: OnError}
                  dag:
                    failFast: false
                    tasks:
                      - {name: success, template: node-to-exit, arguments: {parameters: [{name: exitCode, value: "0"}]}}
                      - {name: failure, template: node-to-exit, dependencies: [success], arguments: {parameters: [{name: exitCode, value: "1"}]}}
                      - {name: task-after-failure, template: node-to-exit, dependencies: [failure], arguments: {parameters: [{name: exitCode, value: "0"}]}}
                      - {name: continue, template: node-to-exit, continueOn: {failed: true}, dependencies: [success], arguments: {parameters: [{name: exitCode, value: "2"}]}}
                      - {name: task-after-continue, template: node-to-exit, dependencies: [continue], arguments: {parameters: [{name: exitCode, value: "0"}]}}
                - name: node-to-exit
                  inputs: {parameters: [{name: exitCode}]}
                  container: {image: argoproj/argosay:v2, args: [exit, "{{inputs.parameters.exitCode}}"]}
            """);
        var failed = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);
        Assert.Equal(7, failed.Status.Nodes.Count);

        var retry = await serve.DurangoAsync("retry", name);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("Name:", retry.Stdout, StringComparison.Ordinal);
        Assert.Contains("Namespace:", retry.Stdout, StringComparison.Ordinal);

        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(7, view.Status.Nodes.Count);
        Assert.Equal(2, view.Status.Nodes.Values.Single(n => n.Name.Contains(".success", StringComparison.Ordinal)).Children.Count);
    }

    // Ports TestRetryWorkflowWithFailedExitHandler: retrying reruns the failed exit handler only; the entry node stays
    // Succeeded, 2 nodes.
    [Fact]
    public async Task RetryWorkflowWithFailedExitHandler_ExitHandlerFailsAgain()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: retry-workflow-with-failed-exit-handler}
            spec:
              entrypoint: hello
              onExit: exit-handler
              templates:
                - name: hello
                  container: {image: argoproj/argosay:v2, args: [echo, hello]}
                - name: exit-handler
                  container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);
        var failed = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);
        Assert.Equal(2, failed.Status.Nodes.Count);

        var retry = await serve.DurangoAsync("retry", name);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("Name:", retry.Stdout, StringComparison.Ordinal);

        var view = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(2, view.Status.Nodes.Count);
        Assert.Equal(NodePhase.Succeeded, view.Node(name).Phase);
        var exit = view.Status.Nodes.Values.Single(n => n.Name.Contains(".onExit", StringComparison.Ordinal));
        Assert.Equal(NodePhase.Failed, exit.Phase);
        Assert.Contains("exit code 1", exit.Message, StringComparison.Ordinal);
    }

    // Ports TestRetryOmit: a DAG task omitted after its dependency failed; retrying the workflow is accepted.
    [Fact]
    public async Task RetryOmit_Accepted()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-omit-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: F, template: fail}
                      - {name: O, depends: F, template: pass}
                - name: pass
                  container: {image: argoproj/argosay:v2}
                - name: fail
                  container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);
        var failed = await serve.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);
        Assert.Equal(NodePhase.Omitted, failed.Node("O").Phase);

        var retry = await serve.DurangoAsync("retry", "@latest");

        Assert.True(retry.ExitCode == 0, retry.Stderr);
        await serve.WaitAsync(name);
    }

    // Ports TestWorkflowResubmit, TestWorkflowResubmitByLabelSelector and TestWorkflowResubmitByFieldSelector: each
    // prints argo get's header of the new workflow.
    [Theory]
    [InlineData("--memoized", "@latest")]
    [InlineData("--selector", null)]
    [InlineData("--field-selector", "metadata.namespace=argo")]
    public async Task Resubmit_PrintsTheNewWorkflow(string option, string? value)
    {
        var label = E2eCliFiles.NewLabel();
        var name = await SubmitAsync(E2eCliFiles.Exit1, label);
        await serve.WaitAsync(name);

        var run = await serve.DurangoAsync("resubmit", option, value ?? label);

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var field in new[] { "Name:", "Namespace:", "ServiceAccount:", "Status:", "Created:" })
        {
            Assert.Contains(field, run.Stdout, StringComparison.Ordinal);
        }

        var resubmitted = E2eCliFiles.NameIn(run.Stdout);
        Assert.StartsWith($"{name}-", resubmitted, StringComparison.Ordinal);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(resubmitted)).Status.Phase);
    }
}
