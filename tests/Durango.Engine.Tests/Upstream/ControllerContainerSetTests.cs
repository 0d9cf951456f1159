using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's containerSet graph tests: in a DAG, the tasks after a container set
/// hang from its last containers (upstream's <c>getOutboundNodes</c>), not from the pod, whose only children are its
/// first containers. Upstream asserts after one or two <c>operate</c> passes; the ports run to the end.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerContainerSetTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestDagTwoChildrenContainerSet: task b takes the set's result; a's only child is its container a.main,
    // and b hangs from a.main. The commands are examples/container-set-template/outputs-result-workflow.yaml's (the
    // fixture leaves them to the image).
    [Fact]
    public async Task DagTwoChildrenContainerSet_ThePodHasOneChild()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: outputs-result-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: a
                    template: group
                  - name: b
                    template: verify
                    depends: a
                    arguments:
                      parameters:
                      - name: x
                        value: '{{tasks.a.outputs.result}}'
              - name: group
                containerSet:
                  containers:
                  - name: main
                    image: python:alpine3.23
                    command: [python, -c]
                    args:
                    - |
                      print("hi")
              - name: verify
                inputs:
                  parameters:
                  - name: x
                script:
                  image: python:alpine3.23
                  command: [python]
                  source: |
                    assert "{{inputs.parameters.x}}" == "hi"
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var a = view.Node("a");
        var main = view.Node($"{a.Name}.main");
        Assert.Equal([main.Id], a.Children);
        Assert.Equal([view.Node("b").Id], main.Children);
    }

    // Ports TestGetOutboundNodesFromDAGContainerset: B and C both depend on A, a container set; A's container A.main
    // has both as children. The argosay stand-in is the image's entry point here (the fixture names /argosay).
    [Fact]
    public async Task GetOutboundNodesFromDAGContainerset_TheLastContainerHasBothTasks()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-containerset-}
            spec:
              entrypoint: pipeline
              templates:
              - name: argosay-container-set
                containerSet:
                  containers:
                  - name: main
                    image: argoproj/argosay:v2
                    args: [echo, hello]
              - name: pipeline
                dag:
                  tasks:
                  - {name: A, template: argosay-container-set}
                  - {name: B, template: argosay-container-set, depends: A.Succeeded}
                  - {name: C, template: argosay-container-set, depends: A.Succeeded}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var a = view.Node("A");
        var main = view.Node($"{a.Name}.main");
        Assert.Equal((NodeType.Container, a.Id), (main.Type, main.BoundaryId));
        Assert.Equal(new[] { view.Node("B").Id, view.Node("C").Id }.Order(), main.Children.Order());
        Assert.Equal([main.Id], a.Children);
    }

    // Upstream's getOutboundNodes over a set with a graph: only the containers no other depends on (b and c, not a)
    // carry the next task.
    [Fact]
    public async Task DagAfterAContainerGraph_HangsFromTheLastContainers()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-containerset-graph-}
            spec:
              entrypoint: pipeline
              templates:
              - name: graph
                containerSet:
                  containers:
                  - {name: a, image: argoproj/argosay:v2, args: [echo, a]}
                  - {name: b, image: argoproj/argosay:v2, args: [echo, b], dependencies: [a]}
                  - {name: main, image: argoproj/argosay:v2, args: [echo, c], dependencies: [a]}
              - name: pipeline
                dag:
                  tasks:
                  - {name: A, template: graph}
                  - {name: B, template: graph, depends: A}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var a = view.Node("A");
        var b = view.Node("B");
        Assert.Equal([view.Node($"{a.Name}.a").Id], a.Children);
        Assert.DoesNotContain(b.Id, view.Node($"{a.Name}.a").Children);
        Assert.Equal([b.Id], view.Node($"{a.Name}.b").Children);
        Assert.Equal([b.Id], view.Node($"{a.Name}.main").Children);
    }

    private static string Messages(WorkflowView view) =>
        $"{view.Status.Phase}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}"));
}
