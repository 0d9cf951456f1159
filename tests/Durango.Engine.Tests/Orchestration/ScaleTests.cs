using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class ScaleTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Parallelism_StepsAndDag_NeverRunMoreAtOnce()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parallelism-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  parallelism: 2
                  steps:
                    - - {name: s, template: nap, withSequence: {count: "6"}}
                    - - {name: d, template: dag}
                - name: dag
                  parallelism: 1
                  dag:
                    tasks:
                      - {name: a, template: nap}
                      - {name: b, template: nap}
                      - {name: c, template: nap}
                - name: nap
                  container: {image: alpine, command: [sh, -c, "sleep 0.2"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(MaxOverlap(view.Status.Nodes.Values.Where(n => n.DisplayName.StartsWith("s(", StringComparison.Ordinal))) <= 2);
        Assert.Equal(1, MaxOverlap(view.Status.Nodes.Values.Where(n => n.DisplayName is "a" or "b" or "c")));
    }

    [Fact]
    public async Task Status_ThousandNodeWorkflow_ReadableWhileItRunsAndComplete()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: thousand-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: each, template: quick, withSequence: {count: "1000"}}
                - name: quick
                  container: {image: alpine, command: ["true"]}
            """);

        var running = await _engine.WaitUntilAsync(name, v => v.Status.Phase == WorkflowPhase.Running && v.Status.Nodes.Count > 10);
        Assert.Equal(WorkflowPhase.Running, running.Status.Phase);

        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(1002, view.Status.Nodes.Count);
        Assert.Equal("1000/1000", view.Status.Progress);
        var summary = (await _engine.Client.GetInstancesAsync(name))!.SerializedCustomStatus!;
        Assert.True(summary.Length < 1024, $"custom status is a summary, not the tree ({summary.Length} chars)");
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
