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

    // Ports TestWorkflowRetry: terminate a workflow at its inner suspend, then retry with --restart-successful and a
    // node selector on the inner steps template: the outer step keeps its run, the inner one runs again. Upstream
    // compares finish times with the retry's (after a 3 s wait); here each run of the step prints a fresh value.
    [Fact]
    public async Task Retry_RestartSuccessfulBySelector_RerunsOnlyThePicked()
    {
        var name = await SubmitAsync(RetryTest);
        var first = await serve.WaitAsync(name, SuspendedAtInnerStep);

        var terminate = await serve.DurangoAsync("terminate", name);
        Assert.Equal(0, terminate.ExitCode);
        Assert.Matches("workflow retry-test-.* terminated", terminate.Stdout);
        await serve.WaitAsync(name, v => v.Status.Phase == WorkflowPhase.Failed);

        var retry = await serve.DurangoAsync("retry", name, "--restart-successful", "--node-field-selector", "templateName==steps-inner");
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("Name:", retry.Stdout, StringComparison.Ordinal);
        Assert.Contains("Namespace:", retry.Stdout, StringComparison.Ordinal);

        var second = await serve.WaitAsync(name, SuspendedAtInnerStep);
        Assert.Equal(Result(first, "steps-outer-step1"), Result(second, "steps-outer-step1"));
        Assert.NotEqual(Result(first, "steps-inner-step1"), Result(second, "steps-inner-step1"));
        var end = await serve.DurangoAsync("terminate", name);
        Assert.True(end.ExitCode == 0, $"{end.Stderr}{end.Stdout}{(await WorkflowPolling.GetAsync(serve.Http, name))?.Describe()}");
    }

    // TestWorkflowRetry's workflow (testdata/retry-test.yaml): two steps, the second a steps template ending in a suspend.
    internal const string RetryTest = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: retry-test-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - {name: steps-outer-step1, template: whalesay}
                - - {name: steps-outer-step2, template: steps-inner}
            - name: steps-inner
              steps:
                - - {name: steps-inner-step1, template: whalesay}
                - - {name: steps-inner-step2, template: approve}
            - name: approve
              suspend: {}
            - name: whalesay
              container: {image: argoproj/argosay:v2, command: [cat], args: [/proc/sys/kernel/random/uuid]}
        """;

    internal static bool SuspendedAtInnerStep(Durango.Api.Workflows.WorkflowView view) =>
        view.HasNode("steps-inner-step2") && view.Node("steps-inner-step2").Phase == NodePhase.Running;

    private static string? Result(Durango.Api.Workflows.WorkflowView view, string node) => view.Node(node).Outputs?.Result;
}
