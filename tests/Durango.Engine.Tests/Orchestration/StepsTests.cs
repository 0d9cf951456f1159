using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class StepsTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Steps_TwoGroups_RunInSequenceAndPassOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: who, value: world}]}
              templates:
                - name: main
                  steps:
                    - - name: greet
                        template: echo
                        arguments: {parameters: [{name: text, value: "hello {{workflow.parameters.who}}"}]}
                    - - name: shout
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{steps.greet.outputs.result}}!"}]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world!", view.Node("shout").Outputs?.Result);
        var root = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Steps, root.Type);
        Assert.Equal([view.Node($"{view.Metadata.Name}[0]").Id, view.Node($"{view.Metadata.Name}[1]").Id], root.Children);
        Assert.True(view.Node("greet").FinishedAt <= view.Node("shout").StartedAt);
        Assert.Equal("2/2", view.Status.Progress);
    }

    [Fact]
    public async Task Steps_ParallelStepsInOneGroup_AllRunAndGroupListsThemInOrder()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parallel-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: a, template: sleep}
                      - {name: b, template: sleep}
                      - {name: c, template: sleep}
                - name: sleep
                  container: {image: alpine, command: [sh, -c, "sleep 0.3"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var group = view.Node($"{view.Metadata.Name}[0]");
        Assert.Equal(NodeType.StepGroup, group.Type);
        Assert.Equal(["a", "b", "c"], group.Children.Select(id => view.Status.Nodes[id].DisplayName));
        var (a, b, c) = (view.Node("a"), view.Node("b"), view.Node("c"));
        Assert.True(a.StartedAt < b.FinishedAt && b.StartedAt < a.FinishedAt, "a and b overlap");
        Assert.True(a.StartedAt < c.FinishedAt && c.StartedAt < a.FinishedAt, "a and c overlap");
    }

    [Fact]
    public async Task Steps_FailedStep_FailsGroupAndLaterGroupsDoNotRun()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: fail-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: bad, template: fail}
                    - - {name: never, template: ok}
                - name: fail
                  container: {image: alpine, command: [sh, -c, "exit 3"]}
                - name: ok
                  container: {image: alpine, command: ["true"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var bad = view.Node("bad");
        Assert.Equal(NodePhase.Failed, bad.Phase);
        Assert.Equal("Error (exit code 3)", bad.Message);
        Assert.Equal("3", bad.Outputs?.ExitCode);
        Assert.Equal($"child '{bad.Id}' failed", view.Status.Message);
        Assert.Equal(NodePhase.Failed, view.Node($"{view.Metadata.Name}[0]").Phase);
        Assert.False(view.HasNode("never"));
        Assert.False(view.HasNode($"{view.Metadata.Name}[1]"));
    }

    [Fact]
    public async Task Steps_ContinueOnFailed_LaterGroupsRunAndWorkflowSucceeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: continue-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: bad, template: fail, continueOn: {failed: true}}
                    - - {name: after, template: ok, arguments: {parameters: [{name: status, value: "{{steps.bad.status}}"}]}}
                - name: fail
                  container: {image: alpine, command: [sh, -c, "exit 1"]}
                - name: ok
                  inputs: {parameters: [{name: status}]}
                  container: {image: alpine, command: [echo, "bad was {{inputs.parameters.status}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Failed, view.Node("bad").Phase);
        Assert.Equal("bad was Failed", view.Node("after").Outputs?.Result);
    }

    [Fact]
    public async Task Steps_WhenFalse_StepIsSkippedWithArgoMessage()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: when-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: flip, template: heads}
                    - - {name: on-heads, template: ok, when: "{{steps.flip.outputs.result}} == heads"}
                      - {name: on-tails, template: ok, when: "{{steps.flip.outputs.result}} == tails"}
                - name: heads
                  container: {image: alpine, command: [echo, heads]}
                - name: ok
                  container: {image: alpine, command: ["true"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("on-heads").Phase);
        var skipped = view.Node("on-tails");
        Assert.Equal(NodePhase.Skipped, skipped.Phase);
        Assert.Equal(NodeType.Skipped, skipped.Type);
        Assert.Equal("when 'heads == tails' evaluated false", skipped.Message);
    }

    [Fact]
    public async Task Steps_NestedStepsTemplate_RunsAsChildAndReturnsOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: nested-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: inner, template: inner}
                    - - name: use
                        template: echo
                        arguments: {parameters: [{name: text, value: "got {{steps.inner.outputs.parameters.word}}"}]}
                - name: inner
                  steps:
                    - - {name: make, template: word}
                  outputs:
                    parameters:
                      - name: word
                        valueFrom: {parameter: "{{steps.make.outputs.result}}"}
                - name: word
                  container: {image: alpine, command: [echo, bird]}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("got bird", view.Node("use").Outputs?.Result);
        var inner = view.Node("inner");
        Assert.Equal(NodeType.Steps, inner.Type);
        Assert.Equal("[0]", view.Status.Nodes[inner.Children[0]].DisplayName);
        Assert.Equal(inner.Id, view.Node("make").BoundaryId);
    }

    [Fact]
    public async Task Steps_InputOutsideEnumAtRuntime_NodeErrorsAndWorkflowFails()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: enum-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: pick, template: color}
                    - - {name: paint, template: paint, arguments: {parameters: [{name: color, value: "{{steps.pick.outputs.result}}"}]}}
                - name: color
                  container: {image: alpine, command: [echo, purple]}
                - name: paint
                  inputs: {parameters: [{name: color, enum: [red, blue]}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.color}}"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(NodePhase.Error, view.Node("paint").Phase);
        Assert.Equal("value 'purple' of inputs.parameters.color is not one of red, blue", view.Node("paint").Message);
    }
}
