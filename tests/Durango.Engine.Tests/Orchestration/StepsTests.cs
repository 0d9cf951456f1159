using Durango.Engine.Model;
using Durango.Engine.Orchestration;
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
        // Argo's graph (steps.go, executeSteps): the steps node links its first group; the next hangs under the step before it.
        Assert.Equal([view.Node($"{view.Metadata.Name}[0]").Id], root.Children);
        Assert.Equal([view.Node($"{view.Metadata.Name}[1]").Id], view.Node("greet").Children);
        Assert.Equal([view.Node("shout").Id], root.OutboundNodes);
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

    [Fact]
    public async Task Steps_LongChain_ContinuesAsNewAndKeepsOutputsNodesAndGlobals()
    {
        var groups = (StepsExecution.GroupsPerExecution * 2) + 5;
        var chain = string.Concat(Enumerable.Range(1, groups - 1).Select(i =>
            $"        - - {{name: s{i}, template: add, arguments: {{parameters: [{{name: n, value: \"{{{{steps.s{i - 1}.outputs.result}}}}\"}}]}}}}\n"));
        var view = await _engine.RunAsync(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: long-}\nspec:\n  entrypoint: main\n  templates:\n"
            + "    - name: main\n      steps:\n        - - {name: s0, template: first}\n" + chain
            + "      outputs: {parameters: [{name: last, valueFrom: {parameter: \"{{steps.s" + (groups - 1) + ".outputs.result}}\"}}]}\n"
            + "    - name: first\n      container: {image: alpine, command: [echo, \"0\"]}\n      outputs: {parameters: [{name: g, globalName: start, value: begun}]}\n"
            + "    - name: add\n      inputs: {parameters: [{name: n}]}\n      container: {image: alpine, command: [sh, -c, \"echo $(({{inputs.parameters.n}} + 1))\"]}\n");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var root = view.Node(view.Metadata.Name);
        // Each group hangs under the step before it, across the continuations (steps.go, executeSteps).
        Assert.Equal([view.Node($"{view.Metadata.Name}[0]").Id], root.Children);
        Assert.All(Enumerable.Range(1, groups - 1), i => Assert.Equal(
            [view.Node($"{view.Metadata.Name}[{i}]").Id], view.Node(i == 1 ? "s0" : $"s{i - 1}").Children));
        Assert.Equal([view.Node($"s{groups - 1}").Id], root.OutboundNodes);
        Assert.Equal((groups - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), root.Outputs?.Parameter("last"));
        Assert.Equal([new ParameterValue("start", "begun")], view.Status.Outputs?.Parameters);
        Assert.Equal($"{groups}/{groups}", view.Status.Progress);
    }

    [Fact]
    public async Task Steps_LongChain_StopAfterAContinuation_StillStopsAndRunsExitHandler()
    {
        var groups = (StepsExecution.GroupsPerExecution * 3) + 1;
        var chain = string.Concat(Enumerable.Range(0, groups).Select(i => $"        - - {{name: s{i}, template: nap}}\n"));
        var name = await _engine.SubmitAsync(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: long-stop-}\nspec:\n  entrypoint: main\n  onExit: exit\n  templates:\n"
            + "    - name: main\n      steps:\n" + chain
            + "    - name: nap\n      container: {image: alpine, command: [sh, -c, \"sleep 0.05\"]}\n"
            + "    - name: exit\n      container: {image: alpine, command: [echo, bye]}\n");
        var after = $"s{StepsExecution.GroupsPerExecution + 2}";
        await _engine.WaitUntilAsync(name, v => v.HasNode(after));

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(ArgoMessages.Stopped, view.Status.Message);
        Assert.False(view.HasNode($"s{groups - 1}"));
        Assert.Equal("bye", view.Node($"{name}.onExit").Outputs?.Result);
    }
}
