using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class RetryTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Retry_AlwaysFailing_LimitCountsRetriesAndRetryNodeHasAttemptChildren()
    {
        var view = await RunAsync("{limit: 2}", "exit 1");

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var retry = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Equal(NodePhase.Failed, retry.Phase);
        Assert.Equal("No more retries left", retry.Message);
        Assert.Equal(["(0)", "(1)", "(2)"], retry.Children.Select(id => view.Status.Nodes[id].Name[view.Metadata.Name.Length..]));
        Assert.All(retry.Children, id => Assert.True(view.Status.Nodes[id].NodeFlag?.Retried));
    }

    [Fact]
    public async Task Retry_SucceedsOnSecondAttempt_RetryNodeSucceedsWithOutputs()
    {
        var view = await RunAsync("{limit: \"3\"}", "f=/var/tmp/durango-retry-{{workflow.uid}}; n=$(cat $f 2>/dev/null || echo 0); echo $((n+1)) > $f; echo attempt-{{retries}}; [ $n -ge 1 ]");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var retry = view.Node(view.Metadata.Name);
        Assert.Equal(2, retry.Children.Count);
        Assert.Equal("attempt-1", retry.Outputs?.Result);
    }

    [Fact]
    public async Task Retry_PolicyOnError_DoesNotRetryAFailure()
    {
        var view = await RunAsync("{limit: 3, retryPolicy: OnError}", "exit 1");

        Assert.Single(view.Node(view.Metadata.Name).Children);
    }

    [Fact]
    public async Task Retry_ExpressionFalse_StopsRetrying()
    {
        var view = await RunAsync("{limit: 3, retryPolicy: Always, expression: 'asInt(lastRetry.exitCode) == 2'}", "exit 3");

        Assert.Single(view.Node(view.Metadata.Name).Children);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    [Fact]
    public async Task Retry_Backoff_WaitsBetweenAttempts()
    {
        var view = await RunAsync("{limit: 2, backoff: {duration: 1s, factor: 2}}", "exit 1");

        var attempts = view.Node(view.Metadata.Name).Children.Select(id => view.Status.Nodes[id]).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1].StartedAt - attempts[0].FinishedAt >= TimeSpan.FromSeconds(0.9));
        Assert.True(attempts[2].StartedAt - attempts[1].FinishedAt >= TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task Retry_StepsTemplate_RetriesTheWholeTemplate()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-steps-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: flaky, template: flaky}
                - name: flaky
                  retryStrategy: {limit: 1}
                  steps:
                    - - {name: fail, template: fail}
                - name: fail
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
            """);

        var retry = view.Node("flaky");
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Equal(2, retry.Children.Count);
        Assert.All(retry.Children, id => Assert.Equal(NodeType.Steps, view.Status.Nodes[id].Type));
    }

    private Task<Api.Workflows.WorkflowView> RunAsync(string retryStrategy, string script) => _engine.RunAsync($$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: retry-}
        spec:
          entrypoint: flaky
          templates:
            - name: flaky
              retryStrategy: {{retryStrategy}}
              container: {image: alpine, command: [sh, -c, '{{script}}']}
        """);
}
