using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// <c>memoize</c> end to end on the embedded engine, as upstream's <c>executeTemplate</c> (workflow/controller/operator.go)
/// and its e2e <c>TestMemoize*</c> (test/e2e/functional_test.go) expect: a miss runs the node and saves its outputs, a
/// hit is a Succeeded node with the cached outputs that does not run, both carry <c>memoizationStatus</c>.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class MemoizeTests(EngineFixture fixture) : IDisposable
{
    private readonly EngineHarness _engine = fixture.Engine;
    private readonly string _cache = "cache-" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _runs = Path.Combine("/var/tmp", "durango-memo-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_runs);

    private string Workflow(string word, string maxAge = "") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: memoized-}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: word, value: {{{word}}}}]}
          templates:
            - name: main
              steps:
                - - name: say
                    template: say
                    arguments: {parameters: [{name: word, value: "{{workflow.parameters.word}}"}]}
                - - name: after
                    template: echo
                    arguments: {parameters: [{name: text, value: "{{steps.say.outputs.parameters.hello}}/{{steps.say.outputs.result}}"}]}
            - name: say
              inputs: {parameters: [{name: word}]}
              memoize:
                key: "say-{{inputs.parameters.word}}"
                {{{(maxAge.Length > 0 ? $"maxAge: \"{maxAge}\"" : string.Empty)}}}
                cache: {configMap: {name: {{{_cache}}}}}
              container:
                image: alpine
                command: [sh, -c, "echo ran >> {{{_runs}}}; echo {{inputs.parameters.word}} > /tmp/hello.txt; echo out-{{inputs.parameters.word}}"]
              outputs:
                parameters:
                  - name: hello
                    valueFrom: {path: /tmp/hello.txt}
            - name: echo
              inputs: {parameters: [{name: text}]}
              container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
        """;

    private int Runs => File.Exists(_runs) ? File.ReadAllLines(_runs).Length : 0;

    [Fact]
    public async Task SameKey_SecondNodeIsAHit_WithCachedOutputsAndWithoutRunning()
    {
        var first = await _engine.RunAsync(Workflow("world"));
        var second = await _engine.RunAsync(Workflow("world"));

        Assert.Equal(WorkflowPhase.Succeeded, first.Status.Phase);
        Assert.Equal(new MemoizationStatus(false, "say-world", _cache), first.Node("say").MemoizationStatus);
        Assert.Equal(WorkflowPhase.Succeeded, second.Status.Phase);
        Assert.Equal(new MemoizationStatus(true, "say-world", _cache), second.Node("say").MemoizationStatus);
        Assert.Equal(NodePhase.Succeeded, second.Node("say").Phase);
        Assert.Equal("world", second.Node("say").Outputs?.Parameter("hello"));
        Assert.Equal("world/out-world", second.Node("after").Outputs?.Result);
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task OtherKey_IsAMiss_AndRuns()
    {
        await _engine.RunAsync(Workflow("one"));
        var other = await _engine.RunAsync(Workflow("two"));

        Assert.Equal(new MemoizationStatus(false, "say-two", _cache), other.Node("say").MemoizationStatus);
        Assert.Equal("two/out-two", other.Node("after").Outputs?.Result);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task EntryOlderThanMaxAge_IsAMiss()
    {
        await _engine.RunAsync(Workflow("aged", maxAge: "1s"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var again = await _engine.RunAsync(Workflow("aged", maxAge: "1s"));

        Assert.False(again.Node("say").MemoizationStatus!.Hit);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task FailedNode_IsNotSaved()
    {
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: memo-fail-}
            spec:
              entrypoint: fail
              templates:
                - name: fail
                  memoize:
                    key: fails
                    cache:
                      configMap:
                        name: {{{_cache}}}
                  container: {image: alpine, command: [sh, -c, "echo ran >> {{{_runs}}}; exit 3"]}
            """;
        var first = await _engine.RunAsync(yaml);
        var second = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Failed, first.Status.Phase);
        Assert.Equal(WorkflowPhase.Failed, second.Status.Phase);
        Assert.False(second.Node(second.Metadata.Name).MemoizationStatus!.Hit);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task MemoizedStepsTemplate_HitSkipsItsWholeSubtree()
    {
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: memo-steps-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: inner, template: inner}
                    - - name: print
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.inner.outputs.parameters.v}}"}]}
                - name: inner
                  memoize:
                    key: inner-steps
                    cache:
                      configMap:
                        name: {{{_cache}}}
                  steps:
                    - - {name: work, template: work}
                  outputs:
                    parameters:
                      - name: v
                        valueFrom: {parameter: "{{steps.work.outputs.result}}"}
                - name: work
                  container: {image: alpine, command: [sh, -c, "echo ran >> {{{_runs}}}; echo computed"]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """;
        await _engine.RunAsync(yaml);
        var second = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Succeeded, second.Status.Phase);
        Assert.True(second.Node("inner").MemoizationStatus!.Hit);
        Assert.False(second.HasNode("work"));
        Assert.Equal("computed", second.Node("print").Outputs?.Result);
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task KeyThatIsNotACacheKey_ErrorsTheNode_AsUpstream()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: memo-badkey-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: word, value: "not a key"}]}
              templates:
                - name: main
                  inputs: {parameters: [{name: word, value: "{{workflow.parameters.word}}"}]}
                  memoize:
                    key: "{{inputs.parameters.word}}"
                    cache:
                      configMap:
                        name: {{{_cache}}}
                  container: {image: alpine, command: [true]}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Equal("invalid cache key: not a key", view.Node(view.Metadata.Name).Message);
    }
}
