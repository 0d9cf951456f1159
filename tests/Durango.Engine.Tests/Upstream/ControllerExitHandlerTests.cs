using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/exit_handler_test.go (its artifact cases are ported with the artifact tests).
/// Upstream marks pods by hand between <c>operate</c> passes; the ports make the steps end that way themselves.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerExitHandlerTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestStepsOnExitTmpl: a failed step's exit hook still runs, with the output's default as its argument.
    [Fact]
    public async Task StepsOnExitTmpl_FailedStep_ExitHookRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-on-exit-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                steps:
                - - name: leafA
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{steps.leafA.outputs.parameters.result}}"}]}
                - - name: leafB
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{steps.leafB.outputs.parameters.result}}"}]}
              - name: whalesay
                container: {image: docker/whalesay, command: [sh, -c], args: [exit 1]}
                outputs: {parameters: [{name: result, valueFrom: {default: welcome, path: /tmp/hello_world.txt}}]}
              - name: exitContainer
                inputs: {parameters: [{name: input}]}
                container: {image: docker/whalesay, command: [cowsay], args: [goodbye world]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var exit = view.Node("leafA.onExit");
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
        Assert.Equal("welcome", exit.Inputs!.Parameters[0].Value);
        Assert.False(view.HasNode("leafB"));
    }

    // Ports TestDAGOnExitTmpl: the same for a DAG task.
    [Fact]
    public async Task DagOnExitTmpl_FailedTask_ExitHookRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-on-exit-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                dag:
                  tasks:
                  - name: leafA
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{tasks.leafA.outputs.parameters.result}}"}]}
                  - name: leafB
                    dependencies: [leafA]
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{tasks.leafB.outputs.parameters.result}}"}]}
              - name: whalesay
                container: {image: docker/whalesay, command: [sh, -c], args: [exit 1]}
                outputs: {parameters: [{name: result, valueFrom: {default: welcome, path: /tmp/hello_world.txt}}]}
              - name: exitContainer
                inputs: {parameters: [{name: input}]}
                container: {image: docker/whalesay, command: [cowsay], args: [goodbye world]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var exit = view.Node("leafA.onExit");
        Assert.Equal(NodePhase.Succeeded, exit.Phase);
        Assert.Equal("welcome", exit.Inputs!.Parameters[0].Value);
    }

    // Ports TestStepsTmplOnExit: a step's `onExit` and the next step's exit hook both run; the next group starts
    // after the first exit handler ended; the workflow stays Running until the last one ends.
    [Fact]
    public async Task StepsTmplOnExit_BothExitHandlersRunInOrder()
    {
        var view = await _engine.RunAsync(OnExitAndExitHook("""
                steps:
                - - {name: leafA, onExit: exitContainer1, template: whalesay}
                - - name: leafB
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{steps.leafB.outputs.parameters.result}}"}]}
            """));

        AssertBothExitHandlers(view);
    }

    // Ports TestDAGOnExit: the same for DAG tasks.
    [Fact]
    public async Task DagOnExit_BothExitHandlersRunInOrder()
    {
        var view = await _engine.RunAsync(OnExitAndExitHook("""
                dag:
                  tasks:
                  - {name: leafA, onExit: exitContainer1, template: whalesay}
                  - name: leafB
                    dependencies: [leafA]
                    template: whalesay
                    hooks:
                      exit:
                        template: exitContainer
                        arguments: {parameters: [{name: input, value: "{{tasks.leafB.outputs.parameters.result}}"}]}
            """));

        AssertBothExitHandlers(view);
    }

    // Ports TestDagOnExitAndRetryStrategy: retried DAG tasks with exit hooks inside a steps template succeed.
    [Fact]
    public async Task DagOnExitAndRetryStrategy_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-workflow-with-retry-strategy-}
            spec:
              entrypoint: WORKFLOW
              templates:
              - name: WORKFLOW
                steps:
                - - {name: Execute, template: DAG}
              - name: LinuxExitHandler
                inputs: {parameters: [{name: IMAGE}]}
                container: {image: "{{inputs.parameters.IMAGE}}", command: [sh], args: [-c, set -xe && ls -ltr /]}
              - name: LinuxJobBase
                retryStrategy: {limit: "3", retryPolicy: OnError}
                container: {image: alpine:3.23, command: [sh], args: [-c, set -xe && ls -ltr /]}
              - name: DAG
                dag:
                  tasks:
                  - name: Python2Compile
                    template: LinuxJobBase
                    hooks:
                      exit: {template: LinuxExitHandler, arguments: {parameters: [{name: IMAGE, value: alpine:3.23}]}}
                  - name: DependencyTesting
                    template: LinuxJobBase
                    depends: Python2Compile.Succeeded
                    hooks:
                      exit: {template: LinuxExitHandler, arguments: {parameters: [{name: IMAGE, value: alpine:3.23}]}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("Python2Compile.onExit").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("DependencyTesting.onExit").Phase);
    }

    // Ports TestWorkflowOnExitHttpReconciliation, with a loopback server for example.com: an HTTP exit handler; two
    // nodes in all.
    [Fact]
    public async Task WorkflowOnExitHttp_TwoNodes()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("ok"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              entrypoint: whalesay
              onExit: exit-handler
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: exit-handler
                http: {url: "{{{server.BaseUrl}}}"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(2, view.Status.Nodes.Count);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.onExit").Phase);
    }

    // Ports TestWorkflowOnExitStepsHttpReconciliation: a steps exit handler with an HTTP step; four nodes in all.
    [Fact]
    public async Task WorkflowOnExitStepsHttp_FourNodes()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("ok"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              entrypoint: whalesay
              onExit: exit-handler
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [cowsay], args: [hello world]}
              - name: exit-handler
                steps:
                - - {name: run-example-com, template: example-com}
              - name: example-com
                http: {url: "{{{server.BaseUrl}}}"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(4, view.Status.Nodes.Count);
        Assert.Equal(NodePhase.Succeeded, view.Node("run-example-com").Phase);
    }

    // Ports TestWorkflowOnExitWorkflowStatus: a task's exit hook gets `{{tasks.step-1.status}}`.
    [Fact]
    public async Task WorkflowOnExitWorkflowStatus_HookGetsTheTasksStatus()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handler-with-param-}
            spec:
              entrypoint: first
              templates:
              - name: first
                dag:
                  tasks:
                  - name: step-1
                    template: output
                    hooks:
                      exit:
                        template: exit
                        arguments: {parameters: [{name: message, value: "{{tasks.step-1.status}}"}]}
              - name: output
                outputs: {parameters: [{name: result, valueFrom: {default: Foobar, path: /tmp/hello_world.txt}}]}
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo -n hello world > /tmp/hello_world.txt"]}
              - name: exit
                inputs: {parameters: [{name: message}]}
                script: {image: python:alpine3.23, command: [sh], source: "echo {{inputs.parameters.message}}\n"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("Succeeded", view.Node("step-1.onExit").Inputs!.Parameters[0].Value);
    }

    // Ports TestStepsTemplateOnExitStatusArgument: the exit hook of a failed step gets `{{steps.main.status}}` =
    // Failed.
    [Fact]
    public async Task StepsTemplateOnExitStatusArgument_HookGetsFailed()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: main
                        template: echo
                        hooks:
                          exit:
                            template: hook
                            arguments: {parameters: [{name: status, value: "{{steps.main.status}}"}]}
                - name: echo
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo hi; exit 1"]}
                - name: hook
                  inputs: {parameters: [{name: status}]}
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo {{inputs.parameters.status}}"]}
            """);

        var exit = Assert.Single(view.Status.Nodes.Values, n => n.DisplayName.EndsWith(".onExit", StringComparison.Ordinal));
        Assert.Equal("Failed", Assert.Single(exit.Inputs!.Parameters).Value);
    }

    private static string OnExitAndExitHook(string body) => """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: on-exit-}
        spec:
          entrypoint: suspend
          templates:
          - name: suspend
        BODY
          - name: whalesay
            container: {image: docker/whalesay, command: [cowsay], args: [hello world]}
            outputs: {parameters: [{name: result, valueFrom: {default: welcome, path: /tmp/hello_world.txt}}]}
          - name: exitContainer
            inputs: {parameters: [{name: input}]}
            container: {image: docker/whalesay, command: [cowsay], args: ["goodbye world  {{inputs.parameters.input}}"]}
          - name: exitContainer1
            container: {image: docker/whalesay, command: [cowsay], args: [goodbye world]}
        """.Replace("BODY", body, StringComparison.Ordinal);

    private static void AssertBothExitHandlers(WorkflowView view)
    {
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var first = view.Node("leafA.onExit");
        var second = view.Node("leafB.onExit");
        Assert.Equal(NodePhase.Succeeded, first.Phase);
        Assert.Equal(NodePhase.Succeeded, second.Phase);
        Assert.True(first.NodeFlag?.Hooked);
        Assert.True(second.NodeFlag?.Hooked);
        Assert.Equal("welcome", second.Inputs!.Parameters[0].Value);
        Assert.True(view.Node("leafB").StartedAt >= first.FinishedAt);
        Assert.True(view.Status.FinishedAt >= second.FinishedAt);
    }
}
