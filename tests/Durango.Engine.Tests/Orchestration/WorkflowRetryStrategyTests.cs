using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// <c>spec.retryStrategy</c> is the retry of every template without its own (upstream workflow/controller/operator.go,
/// <c>woc.retryStrategy</c>: the template's wins), the entrypoint included.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class WorkflowRetryStrategyTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports test/e2e/functional_test.go TestParameterAggregationStepsWithRetry
    // (functional/parameter-aggregation-steps-with-retry.yaml), with a shell command for argosay.
    [Fact]
    public async Task SpecRetry_StepsFanOutWithOutputs_RetryAttemptZeroSucceedsWithAggregate()
    {
        var view = await _engine.RunAsync(Aggregation("steps:\n        - - name: echo-list\n            template: echo-value\n            arguments: {parameters: [{name: message, value: '{{item}}'}]}\n            withItems: [1, 2, 3]", "steps.echo-list"));

        AssertAggregated(view);
    }

    // Ports test/e2e/functional_test.go TestParameterAggregationDAGWithRetry
    // (functional/parameter-aggregation-dag-with-retry.yaml).
    [Fact]
    public async Task SpecRetry_DagFanOutWithOutputs_RetryAttemptZeroSucceedsWithAggregate()
    {
        var view = await _engine.RunAsync(Aggregation("dag:\n        tasks:\n          - name: echo-list\n            template: echo-value\n            arguments: {parameters: [{name: message, value: '{{item}}'}]}\n            withItems: [1, 2, 3]", "tasks.echo-list"));

        AssertAggregated(view);
    }

    [Fact]
    public async Task SpecRetry_FailingLeafUnderSteps_RetriesLeafAndEntrypoint()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: spec-retry-}
            spec:
              entrypoint: main
              retryStrategy: {limit: 1}
              templates:
                - name: main
                  steps:
                    - - {name: fail, template: fail}
                - name: fail
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var root = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Retry, root.Type);
        Assert.Equal("No more retries left", root.Message);
        Assert.Equal(2, root.Children.Count);
        var leafRetries = view.Status.Nodes.Values.Where(n => n.DisplayName == "fail").ToList();
        Assert.Equal(2, leafRetries.Count);
        Assert.All(leafRetries, n => Assert.Equal(NodeType.Retry, n.Type));
        Assert.Equal(4, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod));
    }

    [Fact]
    public async Task SpecRetry_TemplateHasItsOwn_TemplateWins()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: spec-retry-own-}
            spec:
              entrypoint: fail
              retryStrategy: {limit: 3}
              templates:
                - name: fail
                  retryStrategy: {limit: 1}
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(2, view.Node(view.Metadata.Name).Children.Count);
    }

    // Ports test/e2e/functional_test.go TestWorkflowLevelErrorRetryPolicy (testdata/retry-on-error-workflow.yaml).
    [Fact]
    public async Task SpecRetry_OnErrorPolicyAndFailure_RootIsRetryNodeWithOneAttempt()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: retry-on-error-}
            spec:
              retryStrategy: {retryPolicy: OnError, limit: 1}
              entrypoint: main
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var root = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Retry, root.Type);
        Assert.Single(root.Children);
    }

    private static string Aggregation(string body, string producer) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: parameter-aggregation-with-retry-}
        spec:
          retryStrategy:
            limit: 1
          entrypoint: fanout
          templates:
            - name: echo-value
              inputs:
                parameters:
                  - name: message
              container: {image: argoproj/argosay:v2, command: [sh, -c, "true"]}
              outputs:
                parameters:
                  - name: dummy-output
                    value: '{{inputs.parameters.message}}'
            - name: fanout
              {{{body}}}
              outputs:
                parameters:
                  - name: dummy-output
                    valueFrom:
                      parameter: '{{{{{producer}}}.outputs.parameters.dummy-output}}'
        """;

    private static void AssertAggregated(Api.Workflows.WorkflowView view)
    {
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var attempt = view.Node($"{view.Metadata.Name}(0)");
        Assert.Equal(NodePhase.Succeeded, attempt.Phase);
        var parameter = Assert.Single(attempt.Outputs?.Parameters ?? []);
        Assert.Equal("""["1","2","3"]""", parameter.Value);
    }
}
