using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/functional_test.go (FunctionalSuite) for memoization of steps and DAG templates and for a
/// containerSet's retries. Each cache name is made unique per test run, as upstream's e2e suite starts from a cluster
/// without those ConfigMaps; the harness's caches live as long as its host.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class FunctionalSuiteCacheTests(EngineFixture fixture)
{
    private const string StepsBody = """
            steps:
            - - {name: cache, template: whalesay, arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}}
        """;

    private const string DagBody = """
            dag:
              tasks:
              - {name: cache, template: whalesay, arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}}
        """;

    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestStepLevelMemoize: the second call of a memoized steps template is a cache hit.
    [Fact]
    public Task StepLevelMemoize_SecondCallHits() => AssertHitAsync("steps-memoize", StepsBody, Output("steps"));

    // Ports TestStepLevelMemoizeNoOutput.
    [Fact]
    public Task StepLevelMemoizeNoOutput_SecondCallHits() => AssertHitAsync("steps-memoize-noout", StepsBody, string.Empty);

    // Ports TestDAGLevelMemoize.
    [Fact]
    public Task DagLevelMemoize_SecondCallHits() => AssertHitAsync("dag-memoize", DagBody, Output("tasks"));

    // Ports TestDAGLevelMemoizeNoOutput.
    [Fact]
    public Task DagLevelMemoizeNoOutput_SecondCallHits() => AssertHitAsync("dag-memoize-noout", DagBody, string.Empty);

    // Ports TestContainerSetRetryFail (named for the container that fails once): with retries it succeeds.
    [Fact]
    public async Task ContainerSetRetry_FailsOnceThenSucceeds()
    {
        var view = await _engine.RunAsync(ContainerSet("""
                  retryStrategy: {retries: 2, duration: 1s}
            """));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestContainerSetRetrySuccess (named for the workflow that fails as expected): without retries it fails.
    [Fact]
    public async Task ContainerSetNoRetry_Fails()
    {
        var view = await _engine.RunAsync(ContainerSet(string.Empty));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    private static string Output(string prefix) => $$$"""
            outputs:
              parameters:
              - name: output
                valueFrom: {parameter: "{{{{{prefix}}}.cache.outputs.result}}"}
        """;

    private static string ContainerSet(string retry) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: containerset-retry-}
        spec:
          entrypoint: main
          templates:
          - name: main
            containerSet:
              containers:
              - name: a
                image: argoproj/argosay:v2
                command: [sh, -c]
                args: ['FILE=test.yml; EXITCODE=1; if test -f "$FILE"; then EXITCODE=0; else touch $FILE; fi; exit $EXITCODE']
        {{retry}}
        """;

    private async Task AssertHitAsync(string name, string body, string outputs)
    {
        var cache = $"{name}-{Guid.NewGuid():N}"[..40];
        var view = await _engine.RunAsync(Memoized(name, cache, body, outputs));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Contains(view.Status.Nodes.Values, n => n.MemoizationStatus is { Hit: true } status && status.CacheName == cache);
    }

    private static string Memoized(string name, string cache, string body, string outputs) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{{name}}}-}
        spec:
          entrypoint: hello-hello-hello
          templates:
          - name: hello-hello-hello
            steps:
            - - {name: hello1, template: memostep, arguments: {parameters: [{name: message, value: hello1}]}}
            - - {name: hello2a, template: memostep, arguments: {parameters: [{name: message, value: hello1}]}}
          - name: memostep
            inputs: {parameters: [{name: message}]}
            memoize:
              key: "{{inputs.parameters.message}}"
              maxAge: 10s
              cache: {configMap: {name: {{{cache}}}}}
        {{{body}}}
        {{{outputs}}}
          - name: whalesay
            inputs: {parameters: [{name: message}]}
            container: {image: argoproj/argosay:v2, command: [echo], args: ["{{inputs.parameters.message}}"]}
        """;
}
