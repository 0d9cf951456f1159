using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class ControlTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task Stop_RunningWorkflow_FailsRunningNodesAndStillRunsExitHandler()
    {
        var name = await _engine.SubmitAsync(LongWorkflow("stop-"));
        await _engine.WaitUntilAsync(name, v => v.HasNode("long") && v.Node("long").Phase == NodePhase.Running);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.StopAsync(name));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Stopped with strategy 'Stop'", view.Status.Message);
        Assert.Equal(NodePhase.Failed, view.Node("long").Phase);
        Assert.Equal("Stopped with strategy 'Stop'", view.Node("long").Message);
        Assert.False(view.HasNode("never"));
        Assert.Equal("Failed", view.Node($"{name}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task Terminate_RunningWorkflow_SkipsExitHandlerAndFailsEverything()
    {
        var name = await _engine.SubmitAsync(LongWorkflow("terminate-"));
        await _engine.WaitUntilAsync(name, v => v.HasNode("long") && v.Node("long").Phase == NodePhase.Running);

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.TerminateAsync(name));
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Stopped with strategy 'Terminate'", view.Status.Message);
        Assert.False(view.HasNode($"{name}.onExit"));
        Assert.All(view.Status.Nodes.Values, n => Assert.True(n.Phase.Fulfilled(), $"{n.Name} is {n.Phase}"));
        Assert.Equal(NodePhase.Failed, view.Node("long").Phase);
    }

    [Fact]
    public async Task Terminate_DuringExitHandler_ArgoFixture_StepsNodesFailAndWorkflowFails()
    {
        var yaml = (await File.ReadAllTextAsync(ConformanceCorpus.ArgoE2E("workflow-exit-handler-sleep.yaml")))
            .Replace("name: workflow-exit-handler-sleep", "generateName: exit-sleep-", StringComparison.Ordinal);
        var name = await _engine.SubmitAsync(yaml);
        await _engine.WaitUntilAsync(name, v => v.HasNode("exit-handler-task") && v.Node("exit-handler-task").Phase == NodePhase.Running);

        await _engine.Workflows.TerminateAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.All(view.Status.Nodes.Values.Where(n => n.Type is NodeType.Steps or NodeType.StepGroup), n => Assert.Equal(NodePhase.Failed, n.Phase));
    }

    [Fact]
    public async Task Stop_DuringExitHandler_ExitHandlerRunsToItsEnd()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: stop-in-exit-}
            spec:
              entrypoint: main
              onExit: exit
              templates:
                - name: main
                  container: {image: alpine, command: ["true"]}
                - name: exit
                  container: {image: alpine, command: [sh, -c, "sleep 1; echo finished"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode($"{name}.onExit") && v.Node($"{name}.onExit").Phase == NodePhase.Running);

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(NodePhase.Succeeded, view.Node($"{name}.onExit").Phase);
        Assert.Equal("finished", view.Node($"{name}.onExit").Outputs?.Result);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    [Fact]
    public async Task SuspendAndResume_NothingStartsWhileSuspended()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: suspend-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: first, template: short}
                    - - {name: second, template: short}
                - name: short
                  container: {image: alpine, command: [sh, -c, "sleep 0.5"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("first"));
        await _engine.Workflows.SuspendAsync(name);
        var suspended = await _engine.WaitUntilAsync(name, v => v.Suspended && v.Node("first").Phase.Fulfilled());
        await Task.Delay(300);

        Assert.False((await _engine.Workflows.GetAsync(name))!.HasNode("second"));
        Assert.Equal(WorkflowPhase.Running, suspended.Status.Phase);

        await _engine.Workflows.ResumeAsync(name);
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("second").Phase);
    }

    [Fact]
    public async Task SuspendTemplate_WithoutDuration_WaitsForResume()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: approve-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: approve, template: approve}
                    - - {name: after, template: ok}
                - name: approve
                  suspend: {}
                - name: ok
                  container: {image: alpine, command: ["true"]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("approve") && v.Node("approve").Phase == NodePhase.Running);

        await _engine.Workflows.ResumeAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodeType.Suspend, view.Node("approve").Type);
        Assert.Equal(NodePhase.Succeeded, view.Node("after").Phase);
    }

    [Fact]
    public async Task SuspendTemplate_WithDuration_EndsOnTimer()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: delay-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  suspend: {duration: "1"}
            """);

        var node = view.Node(view.Metadata.Name);
        Assert.Equal(NodePhase.Succeeded, node.Phase);
        Assert.True(node.FinishedAt - node.StartedAt >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task ActiveDeadlineSeconds_Workflow_FailsRunningNodesAndRunsExitHandler()
    {
        // Long enough for the step to start on a loaded machine: a deadline that passes before it starts leaves no node.
        var view = await _engine.RunAsync(LongWorkflow("deadline-", "  activeDeadlineSeconds: 4\n"));

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Step exceeded its deadline", view.Status.Message);
        Assert.Equal("Step exceeded its deadline", view.Node("long").Message);
        Assert.Equal("Failed", view.Node($"{view.Metadata.Name}.onExit").Outputs?.Result);
    }

    [Fact]
    public async Task Timeout_LeafTemplate_KilledAndFailedWithArgoMessage()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: timeout-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  timeout: 1s
                  container: {image: alpine, command: [sleep, "30"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Pod was active on the node longer than the specified deadline", view.Node(view.Metadata.Name).Message);
    }

    [Fact]
    public async Task Control_UnknownOrFinishedWorkflow_SaysSo()
    {
        Assert.Equal(ControlOutcome.NotFound, await _engine.Workflows.StopAsync("no-such-workflow"));
        var done = await _engine.RunAsync(LongWorkflow("done-").Replace("sleep 30", "true", StringComparison.Ordinal));
        Assert.Equal(ControlOutcome.NotRunning, await _engine.Workflows.TerminateAsync(done.Metadata.Name));
    }

    private static string LongWorkflow(string prefix, string extraSpec = "") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{{prefix}}}}
        spec:
          entrypoint: main
          onExit: exit
        {{{extraSpec}}}  templates:
            - name: main
              steps:
                - - {name: long, template: sleep}
                - - {name: never, template: exit}
            - name: sleep
              container: {image: alpine, command: [sh, -c, "sleep 30"]}
            - name: exit
              container: {image: alpine, command: [sh, -c, "echo {{workflow.status}}"]}
        """;
}
