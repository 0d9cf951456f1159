using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// The node graph (<c>status.nodes[*].children</c>) as upstream's controller builds it, which the Argo UI, <c>argo get</c>
/// and Hera read: <c>steps.go</c> <c>executeSteps</c> links a steps node to its first group only and hangs each later
/// group under the outbound nodes of the group before it; <c>dag.go</c> <c>executeDAGTask</c> hangs a task under the
/// outbound nodes of the tasks it depends on; <c>operator.go</c> <c>getOutboundNodes</c> says what those are (a
/// retried node's last attempt, a loop's iterations, a nested steps or DAG node's last nodes, a container set's last
/// containers). Pinned by node ids, not times.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerGraphTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // steps.go executeSteps with getOutboundNodes: the next group hangs under a plain step, under a retried step's last
    // attempt (not its Retry node: upstream's operatorRetryExpression fixture in operator_test.go has the next group as
    // the one child of `[0].safe-to-retry`), under a nested steps template's last pod (TestMissingStepsInUI) and under
    // each loop iteration; the steps nodes keep those nodes as outboundNodes; progress (workflow/progress/updater.go)
    // sums over that graph, so the first group's counts include the second's.
    [Fact]
    public async Task Steps_LaterGroupHangsUnderTheOutboundNodesOfTheGroupBeforeIt()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: graph-steps-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: a, template: ok}
                  - {name: b, template: flaky}
                  - {name: n, template: nested}
                  - {name: l, template: ok, withItems: [x, y]}
                - - {name: z, template: ok}
              - name: nested
                steps:
                - - {name: n1, template: ok}
                - - {name: n2, template: ok}
              - name: flaky
                retryStrategy: {limit: 1}
                container: {image: alpine, command: [sh, -c, "[ {{retries}} -ge 1 ]"]}
              - name: ok
                container: {image: alpine, command: ["true"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var wf = view.Metadata.Name;
        string Id(string name) => view.Node(name).Id;
        var root = view.Node(wf);
        Assert.Equal([Id($"{wf}[0]")], root.Children);
        Assert.Equal([Id("a"), Id("b"), Id("n"), Id("l(0:x)"), Id("l(1:y)")], view.Node($"{wf}[0]").Children);

        var next = Id($"{wf}[1]");
        var parents = view.Status.Nodes.Values.Where(n => n.Children.Contains(next)).Select(n => n.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { $"{wf}[0].a", $"{wf}[0].b(1)", $"{wf}[0].l(0:x)", $"{wf}[0].l(1:y)", $"{wf}[0].n[1].n2" }.Order(StringComparer.Ordinal), parents);
        Assert.Equal([Id("b(0)"), Id("b(1)")], view.Node("b").Children);

        var nested = view.Node("n");
        Assert.Equal([Id($"{wf}[0].n[0]")], nested.Children);
        Assert.Equal([Id($"{wf}[0].n[1]")], view.Node("n1").Children);
        Assert.Equal([Id("n2")], nested.OutboundNodes);
        Assert.Equal([Id("z")], root.OutboundNodes);
        Assert.Empty(view.Node("z").Children);

        // a, b(0), b(1), n1, n2, l(0), l(1), z: eight pods, b(0) failed.
        Assert.Equal("7/8", view.Status.Progress);
        Assert.Equal("7/8", root.Progress);
        Assert.Equal("7/8", view.Node($"{wf}[0]").Progress);
        Assert.Equal("3/3", nested.Progress); // n1, n2 and, hanging under n2, the caller's next group: z
        Assert.Equal("1/1", view.Node($"{wf}[1]").Progress);
    }

    // dag.go executeDAGTask with getOutboundNodes: a task hangs under the last attempt of a retried task (not its Retry
    // node), under a nested steps or DAG task's last nodes, under each iteration of a loop, and under a retried container
    // set's last attempt (a Retry node's outbound node is its last child itself); the DAG node's outboundNodes are its
    // target tasks' outbound nodes (updateOutboundNodesForTargetTasks).
    [Fact]
    public async Task Dag_DependentHangsUnderTheOutboundNodesOfItsDependencies()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: graph-dag-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: A, template: flaky}
                  - {name: B, template: ok, depends: A}
                  - {name: C, template: nested-steps}
                  - {name: D, template: ok, depends: C}
                  - {name: E, template: nested-dag}
                  - {name: F, template: ok, depends: E}
                  - {name: L, template: ok, withItems: [x, y]}
                  - {name: M, template: ok, depends: L}
                  - {name: S, template: set}
                  - {name: T, template: ok, depends: S}
              - name: nested-steps
                steps:
                - - {name: c1, template: ok}
                - - {name: c2, template: ok}
              - name: nested-dag
                dag:
                  tasks:
                  - {name: e1, template: ok}
                  - {name: e2, template: ok, depends: e1}
              - name: flaky
                retryStrategy: {limit: 1}
                container: {image: alpine, command: [sh, -c, "[ {{retries}} -ge 1 ]"]}
              - name: set
                retryStrategy: {limit: 1}
                containerSet:
                  containers:
                  - {name: main, image: alpine, command: ["true"]}
              - name: ok
                container: {image: alpine, command: ["true"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        string Id(string name) => view.Node(name).Id;
        string[] ParentsOf(string name) => view.Status.Nodes.Values.Where(n => n.Children.Contains(Id(name))).Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
        var dag = view.Node(view.Metadata.Name);
        Assert.Equal(new[] { Id("A"), Id("C"), Id("E"), Id("L"), Id("S") }.Order(StringComparer.Ordinal), dag.Children.Order(StringComparer.Ordinal));

        Assert.Equal([Id("A(1)")], ParentsOf("B"));
        Assert.Equal([Id("A(0)"), Id("A(1)")], view.Node("A").Children);
        Assert.Equal([Id("c2")], ParentsOf("D"));
        Assert.Equal([Id("e2")], ParentsOf("F"));
        Assert.Equal(new[] { Id("L(0:x)"), Id("L(1:y)") }.Order(StringComparer.Ordinal), ParentsOf("M"));
        Assert.Equal([Id("S(0)")], ParentsOf("T"));
        Assert.Equal([Id("e2")], view.Node("E").OutboundNodes);
        Assert.Equal(new[] { Id("B"), Id("D"), Id("F"), Id("M"), Id("T") }.Order(StringComparer.Ordinal), dag.OutboundNodes!.Order(StringComparer.Ordinal));
    }
}
