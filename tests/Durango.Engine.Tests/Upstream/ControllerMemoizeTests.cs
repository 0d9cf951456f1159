using Durango.Engine.Model;
using Durango.Engine.Stores;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's memoization tests. Upstream's cache is a ConfigMap whose data maps
/// each key to an entry (<c>workflow/controller/cache</c>); Durango's is the <see cref="IMemoStore"/> (README,
/// "containerSet, daemons, memoize"). Where upstream creates the ConfigMap with an entry before the run, the ports
/// save the same entry in the host's store; where upstream reads the ConfigMap after the run, the ports read the
/// store. Each test names its own caches, since the engine collection's host and its store are shared.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerMemoizeTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    private IMemoStore Store => _engine.Services.GetRequiredService<IMemoStore>();

    private string Namespace => _engine.Workflows.DefaultNamespace;

    // Ports TestConfigMapCacheLoadOperate: an entry for the key is a hit; the one node is Succeeded with the cached
    // outputs and does not run.
    [Fact]
    public async Task ConfigMapCacheLoadOperate_EntryInCache_NodeTakesItsOutputs()
    {
        var cache = $"whalesay-cache-{_suffix}";
        await SeedAsync(cache, "hi-there-world", new NodeOutputs { Parameters = [new ParameterValue("hello", "foobar")] }, DateTimeOffset.UtcNow);

        var view = await _engine.RunAsync(Cached(cache, maxAge: null));

        var node = Assert.Single(view.Status.Nodes.Values);
        Assert.Equal(NodePhase.Succeeded, node.Phase);
        Assert.Equal("hello", node.Outputs!.Parameters[0].Name);
        Assert.Equal("foobar", node.Outputs.Parameters[0].Value);
        Assert.Equal(new MemoizationStatus(true, "hi-there-world", cache), node.MemoizationStatus);
    }

    // Ports TestConfigMapCacheLoadOperateNoOutputs: an entry without outputs is still a hit: Succeeded, no outputs.
    [Fact]
    public Task ConfigMapCacheLoadOperateNoOutputs_EntryWithoutOutputs_HitWithNone() => AssertHitWithoutOutputsAsync(NodeOutputs.None);

    // Ports TestConfigMapCacheLoadNilOutputs: an entry whose outputs are empty (`Outputs: {}`) is a hit with no outputs.
    // Durango's entries always hold an outputs object, so this and the case above are the same entry here.
    [Fact]
    public Task ConfigMapCacheLoadNilOutputs_EntryWithEmptyOutputs_HitWithNone() => AssertHitWithoutOutputsAsync(new NodeOutputs());

    // Ports TestConfigMapCacheLoadOperateMaxAge: with maxAge 10s an entry made 5 s ago is a hit, one made 15 s ago is
    // not (upstream's node is then Pending on its pod; here it runs).
    [Fact]
    public async Task ConfigMapCacheLoadOperateMaxAge_YoungEntryHits_OldEntryDoesNot()
    {
        var young = $"whalesay-young-{_suffix}";
        var old = $"whalesay-old-{_suffix}";
        var cached = new NodeOutputs { Parameters = [new ParameterValue("hello", "foobar")] };
        await SeedAsync(young, "hi-there-world", cached, DateTimeOffset.UtcNow.AddSeconds(-5));
        await SeedAsync(old, "hi-there-world", cached, DateTimeOffset.UtcNow.AddSeconds(-15));

        var hit = await _engine.RunAsync(Cached(young, maxAge: "10s"));
        var miss = await _engine.RunAsync(Cached(old, maxAge: "10s"));

        var hitNode = Assert.Single(hit.Status.Nodes.Values);
        Assert.Equal(NodePhase.Succeeded, hitNode.Phase);
        Assert.Equal("foobar", hitNode.Outputs!.Parameter("hello"));
        Assert.True(hitNode.MemoizationStatus!.Hit);
        var missNode = Assert.Single(miss.Status.Nodes.Values);
        Assert.False(missNode.MemoizationStatus!.Hit);
        Assert.Equal("hi-there-world", missNode.Outputs!.Parameter("hello"));
    }

    // Ports TestConfigMapCacheSaveOperate: a miss that Succeeds saves its outputs under the key: the parameter and the
    // exit code.
    [Fact]
    public async Task ConfigMapCacheSaveOperate_SucceededNode_SavesItsOutputs()
    {
        var cache = $"whalesay-cache-{_suffix}";

        var view = await _engine.RunAsync(Cached(cache, maxAge: null, write: "printf foobar"));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var entry = await Store.LoadAsync(Namespace, cache, "hi-there-world");
        Assert.NotNull(entry);
        Assert.Equal([new ParameterValue("hello", "foobar")], entry.Outputs.Parameters);
        Assert.Equal("0", entry.Outputs.ExitCode);
        Assert.True(string.IsNullOrEmpty(entry.Outputs.Result));
    }

    // Ports TestGetOutboundNodesFromCacheHitSteps: a memoized steps template that hits is one Succeeded node (no
    // nodes of its own) and the workflow goes on past it; the hit is its own outbound node (getOutboundNodes), so its
    // one child is the next step group.
    [Fact]
    public Task GetOutboundNodesFromCacheHitSteps_HitStepsNode_WorkflowGoesOn() => AssertOutboundOfHitAsync("hello-steps", "memoized-bug-steps-0", """
            outputs: {parameters: [{name: msg, valueFrom: {parameter: "{{steps.hello-step.outputs.result}}"}}]}
            steps:
            - - {name: hello-step, template: hello}
        """);

    // Ports TestGetOutboundNodesFromCacheHitDAG: the same for a memoized DAG template.
    [Fact]
    public Task GetOutboundNodesFromCacheHitDag_HitDagNode_WorkflowGoesOn() => AssertOutboundOfHitAsync("hello-dag", "memoized-bug-dag-0", """
            outputs: {parameters: [{name: msg, valueFrom: {parameter: "{{dag.hello-dag.outputs.result}}"}}]}
            dag:
              tasks:
              - {name: hello-dag, template: hello}
        """);

    // Ports TestStepConfigMapCacheCreateWhenHaveRetryStrategy: a memoized template with a retryStrategy saves its
    // entry when it Succeeds (upstream checks that the ConfigMap was made); the status sits on its Retry node.
    [Fact]
    public async Task StepConfigMapCacheCreateWhenHaveRetryStrategy_EntrySaved()
    {
        var cache = $"whalesay-cache-{_suffix}";

        var view = await _engine.RunAsync(Cached(cache, maxAge: null, retry: """retryStrategy: {limit: "10"}"""));

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var node = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Retry, node.Type);
        Assert.Equal(new MemoizationStatus(false, "hi-there-world", cache), node.MemoizationStatus);
        var entry = await Store.LoadAsync(Namespace, cache, "hi-there-world");
        Assert.Equal("hi-there-world", entry?.Outputs.Parameter("hello"));
    }

    // Ports TestDAGConfigMapCacheCreateWhenHaveRetryStrategy: leaf, retried and DAG templates memoized in one cache,
    // keyed by the workflow's name. Upstream checks the ConfigMap was made and the workflow Succeeded; the port also
    // checks what that means: each second task hits the entry its first one saved and takes its result.
    [Fact]
    public async Task DagConfigMapCacheCreateWhenHaveRetryStrategy_EntriesSavedAndHit()
    {
        var cache = $"memoization-test-cache-{_suffix}";

        var view = await _engine.RunAsync(DagCachedWithRetryStrategy(cache));

        var name = view.Metadata.Name;
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        foreach (var key in new[] { $"regular-{name}", $"retry-{name}", $"dag-{name}" })
        {
            Assert.NotNull(await Store.LoadAsync(Namespace, cache, key));
        }

        Assert.False(view.Node("regular-1").MemoizationStatus!.Hit);
        Assert.True(view.Node("regular-2").MemoizationStatus!.Hit);
        Assert.Equal("result: 1", view.Node("regular-2").Outputs?.Result);
        Assert.False(view.Node("with-retries-1").MemoizationStatus!.Hit);
        Assert.True(view.Node("with-retries-2").MemoizationStatus!.Hit);
        Assert.Equal("result: 3", view.Node("with-retries-2").Outputs?.Result);
        Assert.True(view.Node("with-dag-2").MemoizationStatus!.Hit);
        Assert.Single(view.Status.Nodes.Values, n => n.DisplayName == "run-raw-step");
    }

    // Ports TestMemoizationTemplateLevelCacheWithStepWithoutCache: a memoized steps entrypoint misses, runs its step.
    [Fact]
    public Task MemoizationTemplateLevelCacheWithStepWithoutCache_Runs() => AssertTemplateLevelMissAsync(StepsEntry);

    // Ports TestMemoizationTemplateLevelCacheWithDagWithoutCache: the same for a DAG entrypoint.
    [Fact]
    public Task MemoizationTemplateLevelCacheWithDagWithoutCache_Runs() => AssertTemplateLevelMissAsync(DagEntry);

    // Ports TestMemoizationTemplateLevelCacheWithStepWithCache: with an entry, the entrypoint hits and its step never
    // runs.
    [Fact]
    public Task MemoizationTemplateLevelCacheWithStepWithCache_HitsAndSkipsTheStep() => AssertTemplateLevelHitAsync(StepsEntry);

    // Ports TestMemoizationTemplateLevelCacheWithDagWithCache: the same for a DAG entrypoint.
    [Fact]
    public Task MemoizationTemplateLevelCacheWithDagWithCache_HitsAndSkipsTheTask() => AssertTemplateLevelHitAsync(DagEntry);

    // Ports TestMemoizationTemplateLevelCacheStepSavesOutputs: the memoized steps template's own outputs (an expression
    // over the workflow's name) are what the entry holds.
    [Fact]
    public async Task MemoizationTemplateLevelCacheStepSavesOutputs_EntryHoldsTheTemplatesOutputs()
    {
        var cache = $"cache-top-entrypoint-{_suffix}";

        var view = await _engine.RunAsync(TemplateLevel(cache, StepsEntry));

        Assert.Equal(NodePhase.Succeeded, view.Node(view.Metadata.Name).Phase);
        var entry = await Store.LoadAsync(Namespace, cache, "entrypoint-key-1");
        Assert.NotNull(entry);
        var url = Assert.Single(entry.Outputs.Parameters);
        Assert.Equal("url", url.Name);
        Assert.Contains("https://argo-workflows.company.com/workflows/namepace/", url.Value, StringComparison.Ordinal);
    }

    private const string StepsEntry = """
            steps:
            - - {name: whalesay, template: whalesay}
        """;

    private const string DagEntry = """
            dag:
              tasks:
              - {name: whalesay-task, template: whalesay}
        """;

    private async Task AssertHitWithoutOutputsAsync(NodeOutputs outputs)
    {
        var cache = $"whalesay-cache-{_suffix}";
        await SeedAsync(cache, "hi-there-world", outputs, DateTimeOffset.UtcNow);

        var view = await _engine.RunAsync(Cached(cache, maxAge: null));

        var node = Assert.Single(view.Status.Nodes.Values);
        Assert.Equal(NodePhase.Succeeded, node.Phase);
        Assert.True(node.MemoizationStatus!.Hit);
        Assert.True(node.Outputs is null || (node.Outputs.Parameters.Count == 0 && node.Outputs.Result is null && node.Outputs.ExitCode is null));
    }

    private async Task AssertOutboundOfHitAsync(string step, string key, string body)
    {
        var cache = $"my-config-{_suffix}";
        await SeedAsync(cache, key, NodeOutputs.None, DateTimeOffset.UtcNow);

        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: memoized-bug-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: {{{step}}}, template: memoized}
                - - {name: whatever, template: hello}
              - name: memoized
                memoize: {key: {{{key}}}, cache: {configMap: {name: {{{cache}}} } } }
            {{{body}}}
              - name: hello
                container: {image: alpine:3.23, command: [sh, -c], args: [echo Hello]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var hit = Assert.Single(view.Status.Nodes.Values, n => n.DisplayName == step);
        Assert.True(hit.MemoizationStatus!.Hit);
        Assert.Equal(NodePhase.Succeeded, view.Node("whatever").Phase);
        Assert.DoesNotContain(view.Status.Nodes.Values, n => n.BoundaryId == hit.Id);
        Assert.Equal([view.Node($"{view.Metadata.Name}[1]").Id], hit.Children);
    }

    private async Task AssertTemplateLevelMissAsync(string body)
    {
        var view = await _engine.RunAsync(TemplateLevel($"cache-top-entrypoint-{_suffix}", body));

        var entry = Assert.Single(view.Status.Nodes.Values, n => n.TemplateName == "entrypoint");
        Assert.Equal(NodePhase.Succeeded, entry.Phase);
        Assert.False(entry.MemoizationStatus!.Hit);
        Assert.Equal(NodePhase.Succeeded, Assert.Single(view.Status.Nodes.Values, n => n.TemplateName == "whalesay").Phase);
    }

    private async Task AssertTemplateLevelHitAsync(string body)
    {
        var cache = $"cache-top-entrypoint-{_suffix}";
        await SeedAsync(cache, "entrypoint-key-1", new NodeOutputs(), DateTimeOffset.UtcNow);

        var view = await _engine.RunAsync(TemplateLevel(cache, body));

        var entry = Assert.Single(view.Status.Nodes.Values, n => n.TemplateName == "entrypoint");
        Assert.Equal(NodePhase.Succeeded, entry.Phase);
        Assert.True(entry.MemoizationStatus!.Hit);
        Assert.DoesNotContain(view.Status.Nodes.Values, n => n.TemplateName == "whalesay");
    }

    private Task SeedAsync(string cache, string key, NodeOutputs outputs, DateTimeOffset created) =>
        Store.SaveAsync(Namespace, cache, key, new MemoEntry("memoized-simple-workflow-5wj2p", outputs, created, created));

    // Upstream's workflowCached (and its maxAge and retryStrategy variants); the container writes the file with echo
    // instead of cowsay.
    private static string Cached(string cache, string? maxAge, string write = "echo {{inputs.parameters.message}}", string retry = "") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: memoized-workflow-test-}
        spec:
          entrypoint: whalesay
          arguments: {parameters: [{name: message, value: hi-there-world}]}
          templates:
          - name: whalesay
            inputs: {parameters: [{name: message}]}
            {{{retry}}}
            memoize:
              key: "{{inputs.parameters.message}}"
              {{{(maxAge is null ? string.Empty : $"maxAge: '{maxAge}'")}}}
              cache: {configMap: {name: {{{cache}}} } }
            container: {image: docker/whalesay:latest, command: [sh, -c], args: ["{{{write}}} > /tmp/hello_world.txt"]}
            outputs: {parameters: [{name: hello, valueFrom: {path: /tmp/hello_world.txt}}]}
        """;

    private static string TemplateLevel(string cache, string body) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: memoized-entrypoint-}
        spec:
          entrypoint: entrypoint
          templates:
          - name: entrypoint
            memoize: {key: entrypoint-key-1, cache: {configMap: {name: {{{cache}}} } } }
            outputs:
              parameters:
              - name: url
                valueFrom:
                  expression: |
                    'https://argo-workflows.company.com/workflows/namepace/' + '{{workflow.name}}' + '?tab=workflow'
        {{{body}}}
          - name: whalesay
            container: {image: docker/whalesay:latest, command: [sh, -c], args: ["echo hello_world $(date) > /tmp/hello_world.txt"]}
            outputs: {parameters: [{name: hello, valueFrom: {path: /tmp/hello_world.txt}}]}
        """;

    // Upstream's workflowDagCachedWithRetryStrategy without its 30 s sleeps.
    private static string DagCachedWithRetryStrategy(string cache) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: memoized-workflow-test}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: regular-1, template: run, arguments: {parameters: [{name: id, value: 1}, {name: cache-key, value: "{{workflow.name}}"}]}}
              - {name: regular-2, template: run, depends: regular-1.Succeeded, arguments: {parameters: [{name: id, value: 2}, {name: cache-key, value: "{{workflow.name}}"}]}}
              - {name: with-retries-1, template: run-with-retries, arguments: {parameters: [{name: id, value: 3}, {name: cache-key, value: "{{workflow.name}}"}]}}
              - {name: with-retries-2, template: run-with-retries, depends: with-retries-1.Succeeded, arguments: {parameters: [{name: id, value: 4}, {name: cache-key, value: "{{workflow.name}}"}]}}
              - {name: with-dag-1, template: run-with-dag, arguments: {parameters: [{name: id, value: 5}, {name: cache-key, value: "{{workflow.name}}"}]}}
              - {name: with-dag-2, template: run-with-dag, depends: with-dag-1.Succeeded, arguments: {parameters: [{name: id, value: 6}, {name: cache-key, value: "{{workflow.name}}"}]}}
          - name: run
            inputs: {parameters: [{name: id}, {name: cache-key}]}
            script: {image: ubuntu:22.04, command: [bash], source: "echo result: {{inputs.parameters.id}}\n"}
            memoize: {key: "regular-{{inputs.parameters.cache-key}}", cache: {configMap: {name: {{{cache}}} } } }
          - name: run-with-retries
            inputs: {parameters: [{name: id}, {name: cache-key}]}
            script: {image: ubuntu:22.04, command: [bash], source: "echo result: {{inputs.parameters.id}}\n"}
            memoize: {key: "retry-{{inputs.parameters.cache-key}}", cache: {configMap: {name: {{{cache}}} } } }
            retryStrategy: {limit: '1', retryPolicy: Always}
          - name: run-raw
            inputs: {parameters: [{name: id}, {name: cache-key}]}
            script: {image: ubuntu:22.04, command: [bash], source: "echo result: {{inputs.parameters.id}}\n"}
          - name: run-with-dag
            inputs: {parameters: [{name: id}, {name: cache-key}]}
            dag:
              tasks:
              - {name: run-raw-step, template: run-raw, arguments: {parameters: [{name: id, value: "{{inputs.parameters.id}}"}, {name: cache-key, value: "{{inputs.parameters.cache-key}}"}]}}
            memoize: {key: "dag-{{inputs.parameters.cache-key}}", cache: {configMap: {name: {{{cache}}} } } }
        """;
}
