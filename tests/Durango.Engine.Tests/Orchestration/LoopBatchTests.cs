using System.Text.Json;
using Durango.Engine.Model;
using Durango.Engine.Orchestration;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// Large loops run in batches of child orchestrations (<c>LoopBatches</c>), invisibly: the same nodes, names, order,
/// aggregated outputs and <c>parallelism</c> as a loop run in one orchestration (upstream
/// <c>workflow/controller/steps.go</c> and <c>dag.go</c> expand a loop into one node per item, in item order).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LoopBatchTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task StepsLoop250_RunsInBatches_SameNodesAndAggregateInItemOrder()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: batches-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: each, template: say, arguments: {parameters: [{name: n, value: "{{item}}"}]}, withSequence: {count: "250"}}
                    - - {name: count, template: count, arguments: {parameters: [{name: all, value: "{{steps.each.outputs.result}}"}]}}
                - name: say
                  inputs: {parameters: [{name: n}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.n}}"]}
                - name: count
                  inputs: {parameters: [{name: all}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.all}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(250 + 4, view.Status.Nodes.Count);
        Assert.Equal("251/251", view.Status.Progress);
        var all = JsonSerializer.Deserialize<List<int>>(view.Node("count").Outputs!.Result!)!;
        Assert.Equal(Enumerable.Range(0, 250), all);
        var group = view.Status.Nodes.Values.Single(n => n.Type == NodeType.StepGroup && n.DisplayName == "[0]");
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"each({i}:{i})"), group.Children!.Select(id => view.Status.Nodes[id].DisplayName));

        // One batch orchestration per LoopBatches.Size items (100, 100, 50) ran under the root, named from the loop's
        // node, and no more.
        var loopName = $"{view.Metadata.Name}[0].each";
        var batches = (250 + LoopBatches.Size - 1) / LoopBatches.Size;
        foreach (var batch in Enumerable.Range(0, batches + 1))
        {
            var instance = await _engine.Client.GetInstanceAsync(NodeIds.InstanceId(view.Metadata.Name, $"{loopName}#batch{batch}"));
            Assert.True((instance is not null) == (batch < batches), $"batch {batch} of {batches}: {(instance is null ? "missing" : "present")}");
        }
    }

    [Fact]
    public async Task DagLoop150_ParallelismHoldsAcrossBatches()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-batches-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: each, template: nap, withSequence: {count: "150"}}
                - name: nap
                  parallelism: 4
                  container: {image: alpine, command: [sh, -c, "sleep 0.05"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var items = view.Status.Nodes.Values.Where(n => n.DisplayName.StartsWith("each(", StringComparison.Ordinal)).ToList();
        Assert.Equal(150, items.Count);
        Assert.True(MaxOverlap(items) <= 4, $"{MaxOverlap(items)} ran at once");
    }

    private static int MaxOverlap(IEnumerable<Api.Workflows.NodeView> nodes)
    {
        var edges = nodes.SelectMany(n => new[] { (At: n.StartedAt!.Value, Delta: 1), (At: n.FinishedAt!.Value, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int current = 0, max = 0;
        foreach (var (_, delta) in edges)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }
}
