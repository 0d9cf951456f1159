using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Port of test/e2e/cli_test.go (CLISuite)'s TestWorkflowRetry, on a <c>durango serve</c> of its own: run after the other
/// retry ports on their server, whose workflows are deleted while this one runs, its retried run did not reach the
/// inner suspend (a difference kept open in the README).
/// </summary>
public sealed class E2eCliRetryRestartTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestWorkflowRetry: terminate a workflow at its inner suspend, then retry with --restart-successful and a
    // node selector on the inner steps template: the outer step keeps its run, the inner one runs again. Upstream
    // compares finish times with the retry's (after a 3 s wait); here each run of the step prints a fresh value.
    [Fact]
    public async Task Retry_RestartSuccessfulBySelector_RerunsOnlyThePicked()
    {
        var name = await SubmitAsync("""
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
            """);
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
        Assert.Equal(0, (await serve.DurangoAsync("terminate", name)).ExitCode);
    }

    private static bool SuspendedAtInnerStep(Durango.Api.Workflows.WorkflowView view) =>
        view.HasNode("steps-inner-step2") && view.Node("steps-inner-step2").Phase == NodePhase.Running;

    private static string? Result(Durango.Api.Workflows.WorkflowView view, string node) => view.Node(node).Outputs?.Result;
}
