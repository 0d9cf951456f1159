using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class DagTests(EngineFixture fixture)
{
    private const string Templates = """
                - name: ok
                  container: {image: alpine, command: [echo, ok]}
                - name: fail
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
                - name: slow
                  container: {image: alpine, command: [sh, -c, "sleep 0.5"]}
        """;

    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Dag_Diamond_RunsInDependencyOrder()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - {name: A, template: ok}
                      - {name: B, template: ok, dependencies: [A]}
                      - {name: C, template: ok, dependencies: [A]}
                      - {name: D, template: ok, dependencies: [B, C]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var (a, b, c, d) = (view.Node("A"), view.Node("B"), view.Node("C"), view.Node("D"));
        Assert.True(a.FinishedAt <= b.StartedAt && a.FinishedAt <= c.StartedAt);
        Assert.True(b.FinishedAt <= d.StartedAt && c.FinishedAt <= d.StartedAt);
        var dag = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Dag, dag.Type);
        Assert.Equal([a.Id], dag.Children);
        Assert.Equal(new[] { b.Id, c.Id }.Order(StringComparer.Ordinal), a.Children.Order(StringComparer.Ordinal));
        Assert.Equal([d.Id], dag.OutboundNodes);
    }

    [Fact]
    public async Task Dag_EnhancedDepends_RunsFailureBranchAndOmitsSuccessBranch()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - {name: A, template: fail}
                      - {name: on-success, template: ok, depends: "A.Succeeded"}
                      - {name: on-failure, template: ok, depends: "A.Failed"}
            """);

        Assert.Equal(NodePhase.Failed, view.Node("A").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("on-failure").Phase);
        var omitted = view.Node("on-success");
        Assert.Equal(NodePhase.Omitted, omitted.Phase);
        Assert.Equal("omitted: depends condition not met", omitted.Message);
        // on-success is a leaf whose branch inherits A's failure: the DAG fails, as Argo's phase-from-leaves says.
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    [Fact]
    public async Task Dag_FailedTaskHandledByDependent_PhaseFromLeavesSucceeds()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - {name: A, template: fail}
                      - {name: handle, template: ok, depends: "A.Failed || A.Succeeded"}
            """);

        Assert.Equal(NodePhase.Failed, view.Node("A").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("handle").Phase);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    [Fact]
    public async Task Dag_FailedBranch_ReadyBranchesStillRunAndDagFails()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - {name: A, template: fail}
                      - {name: S, template: slow}
                      - {name: after-slow, template: ok, dependencies: [S]}
            """);

        // Argo v4 schedules every task whose dependencies are done before it assesses the DAG.
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("after-slow").Phase);
    }

    [Fact]
    public async Task Dag_FailFastFalse_RunsEveryBranchToItsEnd()
    {
        var view = await RunDagAsync("""
                    failFast: false
                    tasks:
                      - {name: A, template: fail}
                      - {name: S, template: slow}
                      - {name: after-slow, template: ok, dependencies: [S]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("after-slow").Phase);
    }

    [Fact]
    public async Task Dag_Target_RunsOnlyTargetAndItsAncestors()
    {
        var view = await RunDagAsync("""
                    target: C
                    tasks:
                      - {name: A, template: ok}
                      - {name: B, template: ok}
                      - {name: C, template: ok, dependencies: [A]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.True(view.HasNode("A") && view.HasNode("C"));
        Assert.False(view.HasNode("B"));
    }

    [Fact]
    public async Task Dag_ContinueOnFailedDependency_DependentRuns()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - {name: A, template: fail, continueOn: {failed: true}}
                      - {name: B, template: ok, dependencies: [A]}
            """);

        Assert.Equal(NodePhase.Succeeded, view.Node("B").Phase);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    [Fact]
    public async Task Dag_LoopTask_BecomesTaskGroupAndAnySucceededWorks()
    {
        var view = await RunDagAsync("""
                    tasks:
                      - name: L
                        template: maybe
                        arguments: {parameters: [{name: code, value: "{{item}}"}]}
                        withItems: ["0", "1"]
                      - {name: any, template: ok, depends: "L.AnySucceeded"}
                      - {name: all-failed, template: ok, depends: "L.AllFailed"}
            """, """
                - name: maybe
                  inputs: {parameters: [{name: code}]}
                  container: {image: alpine, command: [sh, -c, "exit {{inputs.parameters.code}}"]}
            """);

        var loop = view.Node("L");
        Assert.Equal(NodeType.TaskGroup, loop.Type);
        Assert.Equal(2, loop.Children.Count);
        Assert.Equal(NodePhase.Succeeded, view.Node("any").Phase);
        Assert.Equal(NodePhase.Omitted, view.Node("all-failed").Phase);
    }

    [Fact]
    public async Task Dag_TaskOutputs_FlowToDependentsAndDagOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-out-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - {name: A, template: word}
                      - name: B
                        template: echo
                        dependencies: [A]
                        arguments: {parameters: [{name: text, value: "{{tasks.A.outputs.result}}-{{tasks.A.status}}"}]}
                  outputs:
                    parameters:
                      - name: combined
                        valueFrom: {expression: "tasks.B.outputs.result + '!'"}
                - name: word
                  container: {image: alpine, command: [echo, bird]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("bird-Succeeded", view.Node("B").Outputs?.Result);
        Assert.Equal("bird-Succeeded!", view.Node(view.Metadata.Name).Outputs?.Parameter("combined"));
    }

    /// <summary>Runs a workflow whose entrypoint is <paramref name="dag"/> (the body under <c>dag:</c>).</summary>
    private Task<WorkflowView> RunDagAsync(string dag, string extraTemplates = "") => _engine.RunAsync(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: dag-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      dag:\n" + TestYaml.Indent(dag, 8) + TestYaml.Indent(Templates, 4) + TestYaml.Indent(extraTemplates, 4));
}
