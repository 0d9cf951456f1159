using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// The caps of <c>Durango:Limits</c>: a runaway workflow fails with a message naming the cap, its exit handler
/// still runs, and nothing past the cap is made. Argo's default depth runs on the shared engine; the node and loop
/// caps run on an engine of their own with small limits.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LimitsTests(EngineFixture fixture) : IAsyncLifetime
{
    private EngineHarness? _small;

    private EngineHarness Small => _small!;

    public async Task InitializeAsync() => _small = await EngineHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Durango:Limits:MaxDepth"] = "5",
        ["Durango:Limits:MaxNodes"] = "30",
        ["Durango:Limits:MaxLoopItems"] = "50",
    });

    public async Task DisposeAsync() => await Small.DisposeAsync();

    [Fact]
    public async Task Recursion_SelfCallingTemplate_FailsWithArgosMessageAtDepth100AndRunsTheExitHandler()
    {
        var view = await fixture.Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: recursion-}
            spec:
              entrypoint: main
              onExit: report
              templates:
                - name: main
                  steps:
                    - - {name: again, template: main}
                - name: report
                  container: {image: alpine, command: [sh, -c, 'echo "exit saw {{workflow.status}}"']}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.StartsWith("Maximum recursion depth exceeded", view.Status.Message, StringComparison.Ordinal);
        Assert.Contains("Durango:Limits:MaxDepth", view.Status.Message, StringComparison.Ordinal);
        var deepest = Assert.Single(view.Status.Nodes.Values, n => n.Message?.StartsWith("Maximum recursion depth exceeded", StringComparison.Ordinal) == true && n.Type == NodeType.Steps);
        Assert.Equal(NodePhase.Error, deepest.Phase);
        Assert.Equal(100, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Steps && n.Phase != NodePhase.Error));
        Assert.Equal("exit saw Failed", view.Node($"{view.Metadata.Name}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task Recursion_ConfiguredDepth_DagCallingItselfStopsAtTheSetting()
    {
        var view = await Small.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-recursion-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: work, template: echo}
                      - {name: again, template: main, depends: work}
                - name: echo
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Maximum recursion depth exceeded: templates nest deeper than 5 (Durango:Limits:MaxDepth)", view.Status.Message);
        Assert.Equal(5, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod && n.Phase == NodePhase.Succeeded));
    }

    [Fact]
    public async Task Loop_WithSequenceOf100000_FailsBeforeAnyItemWithTheSetting()
    {
        var view = await fixture.Engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: big-sequence-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: each, template: echo, withSequence: {count: "100000"}}
                - name: echo
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("withSequence has 100000 items, more than 10000 (Durango:Limits:MaxLoopItems)", view.Status.Message);
        Assert.Equal(NodePhase.Error, view.Node("each").Phase);
        Assert.DoesNotContain(view.Status.Nodes.Values, n => n.Type == NodeType.Pod);
    }

    [Fact]
    public async Task Loop_WithParamOverTheSetting_FailsTheWorkflow()
    {
        var view = await Small.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: big-param-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: list, template: list}
                      - {name: each, template: echo, depends: list, withParam: "{{tasks.list.outputs.result}}"}
                - name: list
                  container: {image: alpine, command: [sh, -c, 'printf "["; seq -s, 1 51; printf "]"']}
                - name: echo
                  container: {image: alpine, command: [echo, hi]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("withParam has 51 items, more than 50 (Durango:Limits:MaxLoopItems)", view.Status.Message);
        Assert.Equal(1, view.Status.Nodes.Values.Count(n => n.Type == NodeType.Pod));
    }

    [Fact]
    public async Task Nodes_MoreThanTheSetting_WorkflowFailsNamingItAndStopsStartingLeaves()
    {
        var view = await Small.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: many-nodes-}
            spec:
              entrypoint: main
              onExit: report
              templates:
                - name: main
                  steps:
                    - - {name: a, template: echo, withSequence: {count: "20"}}
                    - - {name: b, template: echo, withSequence: {count: "20"}}
                    - - {name: c, template: echo, withSequence: {count: "20"}}
                - name: echo
                  container: {image: alpine, command: [echo, hi]}
                - name: report
                  container: {image: alpine, command: [echo, "{{workflow.status}}"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("workflow has more than 30 nodes (Durango:Limits:MaxNodes)", view.Status.Message);
        Assert.False(view.HasNode("c(0:0)"));
        Assert.Equal("Failed", view.Node($"{view.Metadata.Name}.onExit").Outputs?.Result);
    }
}
