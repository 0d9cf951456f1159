using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/retry_test.go (RetryTestSuite) for what Durango runs: retryStrategy limits, backoff with a
/// maximum duration and a containerSet's retryStrategy from a WorkflowTemplate. argosay images run on the process
/// runtime; backoffs are shortened.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eRetryTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    // Ports RetryTestSuite.TestRetryLimit: limit 0 runs once; the workflow fails with "No more retries left" and 0/1,
    // the Retry node is Failed without a flag, its one child Failed and flagged retried.
    [Fact]
    public async Task RetryLimit_ZeroMeansOneAttempt()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-retry-limit-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  retryStrategy:
                    limit: 0
                    backoff: {duration: 2s, factor: 2, maxDuration: 5m}
                  container: {name: main, image: 'argoproj/argosay:v2', args: [exit, "1"]}
            """);
        var name = view.Metadata.Name;

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("No more retries left", view.Status.Message);
        Assert.Equal("0/1", view.Status.Progress);
        var retry = view.Node(name);
        Assert.Equal(NodePhase.Failed, retry.Phase);
        Assert.Equal(NodeType.Retry, retry.Type);
        Assert.Null(retry.NodeFlag);
        var attempt = view.Node($"{name}(0)");
        Assert.Equal(NodePhase.Failed, attempt.Phase);
        Assert.True(attempt.NodeFlag?.Retried);
        Assert.False(view.HasNode($"{name}(1)"));
    }

    // Ports RetryTestSuite.TestRetryBackoff, both halves (limit as the string '10' and as the number 10): the backoff's
    // maxDuration ends the retries before the limit, so the workflow fails with at most 10 nodes. Upstream's 10 s
    // backoff within 1 m is 1 s within 3 s here.
    [Theory]
    [InlineData("'10'")]
    [InlineData("10")]
    public async Task RetryBackoff_MaxDurationEndsRetriesBeforeTheLimit(string limit)
    {
        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-backoff-strategy-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  retryStrategy:
                    limit: {{limit}}
                    backoff: {duration: 1s, maxDuration: 3s}
                  container: {name: main, image: 'argoproj/argosay:v2', args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.True(view.Status.Nodes.Count <= 10, $"{view.Status.Nodes.Count} nodes");
    }

    // Ports RetryTestSuite.TestWorkflowTemplateWithRetryStrategyInContainerSet
    // (testdata/workflow-template-with-containerset.yaml): c1 succeeds once, c2's command does not exist and is not
    // retried, c3 fails and runs twice (retries "2"); the workflow fails. Upstream counts the emissary's "capturing
    // logs" lines in each container's log; here each container's log is read by its name and its own output counted.
    [Fact]
    public async Task WorkflowTemplateWithRetryStrategyInContainerSet_OnlyTheFailingCommandRetries()
    {
        var template = $"containerset-with-retrystrategy-{_suffix}";
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, $$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{template}}}
            spec:
              entrypoint: test
              templates:
                - name: test
                  containerSet:
                    retryStrategy: {retries: "2"}
                    containers:
                      - {name: c1, image: argoproj/argosay:v2, args: [echo, hi]}
                      - {name: c2, image: argoproj/argosay:v2, command: [invalid, command]}
                      - {name: c3, image: argoproj/argosay:v2, command: [sh, -c], args: ["echo intentional failure; exit 1"]}
            """, "template.yaml", TemplateService.Write.Create);
        Assert.True(put.Status == TemplateStatus.Done, string.Join("\n", put.Diagnostics.Select(d => d.ToString())));

        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-containerset-}
            spec:
              workflowTemplateRef: {name: {{template}}}
            """);
        // As upstream: the workflow Fails; c2's node is Error (operator.go podReconciliation: the emissary's exit code 64)
        // and its pod Failed (inferFailedReason: a main container exited non-zero).
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Error, view.Node("c2").Phase);
        Assert.Equal(NodePhase.Failed, view.Node(view.Metadata.Name).Phase);

        var name = view.Metadata.Name;
        var c1 = await _engine.LogOfAsync(name, "c1");
        Assert.Equal(1, Count(c1, "hi"));
        var c2 = await _engine.LogOfAsync(name, "c2");
        Assert.Contains("executable file not found in $PATH", c2, StringComparison.Ordinal);
        Assert.Equal(0, Count(c2, "intentional failure"));
        var c3 = await _engine.LogOfAsync(name, "c3");
        Assert.Equal(2, Count(c3, "intentional failure"));
        Assert.DoesNotContain("hi", c3.Split('\n'));
    }

    private static int Count(string log, string line) => log.Split('\n').Count(l => l.Trim() == line);

}
