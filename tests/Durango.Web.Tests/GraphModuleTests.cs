using System.Text.Json;

namespace Durango.Web.Tests;

/// <summary>The graph modules (pure JavaScript) run in the browser on hand-made node trees.</summary>
[Collection(BrowserCollection.Name)]
public class GraphModuleTests(BrowserFixture web)
{
    private JsonElement Run(string body)
    {
        web.Open("/submit");
        web.Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        var script = "const done = arguments[arguments.length - 1];" +
            "Promise.all([import('/assets/js/graph-model.js'), import('/assets/js/graph-layout.js')])" +
            ".then(([model, layout]) => { " + body + " })" +
            ".then(r => done(JSON.stringify(r)), e => done(JSON.stringify({ error: String(e) })));";
        var text = (string?)web.Driver.ExecuteAsyncScript(script) ?? "null";
        var result = JsonDocument.Parse(text).RootElement;
        Assert.False(result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var error), $"script failed: {text}");
        return result;
    }

    [Fact]
    public void BuildGraph_ExitHandlerTree_PutsTheExitHandlerAfterTheRoot()
    {
        var edges = Run("""
            const n = (id, name, type, boundaryID, children, extra) => Object.assign({ id, name, displayName: name, type, boundaryID, children }, extra || {});
            const nodes = {
              wf: n('wf', 'wf', 'Pod', undefined, []),
              x: n('x', 'wf.onExit', 'Steps', undefined, ['g']),
              g: n('g', 'wf.onExit[0]', 'StepGroup', 'x', ['a', 'b']),
              a: n('a', 'wf.onExit[0].notify', 'Pod', 'x', []),
              b: n('b', 'wf.onExit[0].celebrate', 'Skipped', 'x', []),
            };
            return model.buildGraph('wf', nodes).edges.map(e => `${e.from}>${e.to}:${e.kind}`).sort();
            """).EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(["g>a:child", "g>b:child", "wf>x:exit", "x>g:child"], edges);
    }

    [Fact]
    public void BuildGraph_StepGroupsDagAndRetries_ChainsGroupsAndDependents()
    {
        var edges = Run("""
            const n = (id, type, boundaryID, children, extra) => Object.assign({ id, name: id, displayName: id, type, boundaryID, children }, extra || {});
            const nodes = {
              wf: n('wf', 'DAG', undefined, ['A']),
              A: n('A', 'Steps', 'wf', ['A0', 'A1', 'B']),
              A0: n('A0', 'StepGroup', 'A', ['r']),
              r: n('r', 'Retry', 'A', ['r0', 'r1']),
              r0: n('r0', 'Pod', 'A', [], { nodeFlag: { retried: true } }),
              r1: n('r1', 'Pod', 'A', ['h'], { nodeFlag: { retried: true } }),
              h: n('h', 'HTTP', 'A', [], { nodeFlag: { hooked: true } }),
              A1: n('A1', 'StepGroup', 'A', ['s', 't']),
              s: n('s', 'Pod', 'A', []),
              t: n('t', 'Pod', 'A', []),
              B: n('B', 'Pod', 'wf', []),
            };
            return model.buildGraph('wf', nodes).edges.map(e => `${e.from}>${e.to}:${e.kind}`).sort();
            """).EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(["A0>r:child", "A1>s:child", "A1>t:child", "A>A0:child", "r1>A1:next", "r1>h:hook", "r>r0:child", "r>r1:child", "s>B:next", "t>B:next", "wf>A:child"], edges);
    }

    // Upstream's graph (steps.go, dag.go, getOutboundNodes): a steps node's only child is its first group, the next group
    // hangs under the step before it; a task after a retried one hangs under its last attempt, a task after a nested
    // steps node under that node's last pod; the exit handler follows the DAG's outboundNodes.
    [Fact]
    public void BuildGraph_UpstreamGraph_ChainsGroupsAndFollowsOutboundNodes()
    {
        var edges = Run("""
            const n = (id, type, boundaryID, children, extra) => Object.assign({ id, name: id, displayName: id, type, boundaryID, children }, extra || {});
            const nodes = {
              wf: n('wf', 'DAG', undefined, ['A', 'C'], { outboundNodes: ['B', 'D'] }),
              A: n('A', 'Retry', 'wf', ['A0', 'A1']),
              A0: n('A0', 'Pod', 'wf', [], { nodeFlag: { retried: true } }),
              A1: n('A1', 'Pod', 'wf', ['B'], { nodeFlag: { retried: true } }),
              B: n('B', 'Pod', 'wf', []),
              C: n('C', 'Steps', 'wf', ['C[0]'], { outboundNodes: ['c2'] }),
              'C[0]': n('C[0]', 'StepGroup', 'C', ['c1']),
              c1: n('c1', 'Pod', 'C', ['C[1]']),
              'C[1]': n('C[1]', 'StepGroup', 'C', ['c2']),
              c2: n('c2', 'Pod', 'C', ['D']),
              D: n('D', 'Pod', 'wf', []),
              x: n('x', 'Pod', undefined, [], { name: 'wf.onExit' }),
            };
            return model.buildGraph('wf', nodes).edges.map(e => `${e.from}>${e.to}:${e.kind}`).sort();
            """).EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(["A1>B:next", "A>A0:child", "A>A1:child", "B>x:exit", "C>C[0]:child", "C[0]>c1:child", "C[1]>c2:child", "D>x:exit", "c1>C[1]:next", "c2>D:next", "wf>A:child", "wf>C:child"], edges);
    }

    [Fact]
    public void Layout_RandomLayeredGraph_PutsEveryEdgeDownwardsAndNoNodesOverlap()
    {
        var result = Run("""
            let seed = 7;
            const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
            const ids = Array.from({ length: 600 }, (_, i) => `n${i}`);
            const edges = [];
            for (let i = 1; i < ids.length; i++) {
              edges.push({ from: ids[Math.floor(random() * i)], to: ids[i] });
              if (random() < 0.3) edges.push({ from: ids[Math.floor(random() * i)], to: ids[i] });
            }
            const placed = layout.layout(ids, edges, id => (id.endsWith('0') ? { w: 18, h: 18 } : { w: 190, h: 42 }));
            let downwards = true;
            for (const e of placed.edges) if (!(e.y2 > e.y1)) downwards = false;
            const boxes = [...placed.nodes.values()].sort((a, b) => a.rank - b.rank || a.x - b.x);
            let overlaps = 0;
            for (let i = 1; i < boxes.length; i++) {
              if (boxes[i].rank === boxes[i - 1].rank && boxes[i].x < boxes[i - 1].x + boxes[i - 1].w) overlaps++;
            }
            const inside = boxes.every(b => b.x >= 0 && b.y >= 0 && b.x + b.w <= placed.width && b.y + b.h <= placed.height);
            return { downwards, overlaps, inside, count: placed.nodes.size };
            """);

        Assert.True(result.GetProperty("downwards").GetBoolean());
        Assert.Equal(0, result.GetProperty("overlaps").GetInt32());
        Assert.True(result.GetProperty("inside").GetBoolean());
        Assert.Equal(600, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public void PodName_NodeWithoutPodName_DerivesItAsTheApiDoes()
    {
        var result = Run("""
            return import('/assets/js/pod-name.js').then(m => [
              m.podName('hello-9s9rb', { name: 'hello-9s9rb[0].greet', templateName: 'echo' }),
              m.podName('wf', { name: 'wf', templateName: 'main' }),
              m.podName('wf', { name: 'wf[0].x', podName: 'given' }),
            ]);
            """).EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(["hello-9s9rb-echo-3127434482", "wf", "given"], result);
    }
}
