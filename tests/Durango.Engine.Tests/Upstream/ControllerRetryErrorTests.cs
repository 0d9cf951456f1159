using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's retry tests whose attempts end in Error. Upstream's fixtures hold
/// pods already in Error (exit codes 1 and 2); here each attempt errors for real: it exits 0 without writing its
/// output parameter's file, which errors the attempt (as upstream's wait container does) rather than failing it.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerRetryErrorTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    private static string Workflow(string retryStrategy) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: retry-script-}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: safe-to-retry, template: safe-to-retry}
            - - name: retry
                template: retry-script
                arguments: {parameters: [{name: safe-to-retry, value: "{{steps.safe-to-retry.outputs.result}}"}]}
          - name: safe-to-retry
            script: {image: python:alpine3.23, command: [sh], source: "echo true\n"}
          - name: retry-script
            inputs: {parameters: [{name: safe-to-retry}]}
            retryStrategy: {{{retryStrategy}}}
            outputs: {parameters: [{name: out, valueFrom: {path: /tmp/never-written}}]}
            script: {image: python:alpine3.23, command: [sh], source: "exit 0\n"}
        """;

    // Ports TestOperatorRetryExpressionError: with an expression and no retryPolicy the policy is Always (upstream's
    // RetryPolicyActual), so attempts in Error are retried while the expression holds: after two errored attempts a
    // third starts (upstream's assertion), and here the run goes on to the limit.
    [Fact]
    public async Task RetryExpressionError_ExpressionWithoutPolicy_RetriesErrors()
    {
        var view = await _engine.RunAsync(Workflow("""{expression: "true", limit: "3"}"""));

        var retry = view.Node("retry");
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Equal(4, retry.Children.Count);
        Assert.All(retry.Children, id => Assert.Equal(NodePhase.Error, view.Status.Nodes[id].Phase));
        Assert.Equal(NodePhase.Error, retry.Phase);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    // Ports TestOperatorRetryExpressionErrorNoExpr: with neither an expression nor a retryPolicy the policy is
    // OnFailure, so an attempt in Error ends the Retry node in Error with the attempt's message, and the workflow
    // Fails (its step group fails, whatever the child's phase).
    [Fact]
    public async Task RetryExpressionErrorNoExpr_DefaultPolicy_DoesNotRetryAnError()
    {
        var view = await _engine.RunAsync(Workflow("""{limit: "3"}"""));

        var retry = view.Node("retry");
        var attempt = view.Status.Nodes[Assert.Single(retry.Children)];
        Assert.Equal(NodePhase.Error, attempt.Phase);
        Assert.Equal(NodePhase.Error, retry.Phase);
        Assert.Equal(attempt.Message, retry.Message);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }
}
