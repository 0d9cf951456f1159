using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/hooks_test.go. Upstream steps pods through phases by hand between <c>operate</c>
/// passes; the ports run the workflow to its end and assert the same hook nodes, flags, phases and progress.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerHooksTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestExecuteTmplLifeCycleHook: step1 errors (upstream's fixture errors it; here its input is outside its
    // enum), so its error hook runs and is flagged. Upstream also finds no running hook: its node errors before it is
    // ever Running. Durango's node is Running while its inputs are bound, so the running hook fires too (README,
    // remaining differences).
    [Fact]
    public async Task ExecuteTmplLifeCycleHook_ErroredStep_ErrorHookRunsRunningHookDoesNot()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("{}"));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-tmpl-level-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: pick, template: pick}
                - - name: step1
                    template: echo
                    arguments: {parameters: [{name: side, value: "{{steps.pick.outputs.result}}"}]}
                    hooks:
                      running: {expression: steps.step1.status == "Running", template: http}
                      error: {expression: steps.step1.status == "Error", template: http}
              - name: pick
                container: {image: alpine:3.23, command: [echo, edge]}
              - name: echo
                inputs: {parameters: [{name: side, enum: [heads, tails]}]}
                container: {image: alpine:3.23, command: [sh, -c], args: [echo "it was heads"]}
              - name: http
                http: {url: "{{{server.BaseUrl}}}/generated.swagger.json"}
            """);

        Assert.Equal(NodePhase.Error, view.Node("step1").Phase);
        var hook = view.Node("step1.hooks.error");
        Assert.True(hook.NodeFlag?.Hooked);
    }

    // Ports TestWfHookHasFailures: the workflow's failure hook sees workflow.failures, with the failed node's display
    // name, template, phase and pod name, Go-quoted.
    [Fact]
    public async Task WfHookHasFailures_FailureHookSeesWorkflowFailures()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hook-failures-}
            spec:
              entrypoint: intentional-fail
              hooks:
                failure:
                  expression: workflow.status == "Failed"
                  template: message
                  arguments:
                    parameters:
                      - name: message
                        value: |
                          Workflow {{ workflow.name }} {{ workflow.status }} {{ workflow.failures }}
              templates:
                - name: intentional-fail
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo intentional failure; exit 1"]}
                - name: message
                  inputs: {parameters: [{name: message}]}
                  script:
                    image: alpine:3.23
                    command: [sh]
                    source: |
                      echo {{ inputs.parameters.message }}
            """);

        var name = view.Metadata.Name;
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var hook = view.Node($"{name}.hooks.failure");
        Assert.True(hook.NodeFlag?.Hooked);
        var message = hook.Inputs!.Parameters.Single(p => p.Name == "message").Value;
        Assert.Contains($"[{{\\\"displayName\\\":\\\"{name}\\\",\\\"message\\\":\\\"", message, StringComparison.Ordinal);
        Assert.Contains($"\\\"templateName\\\":\\\"intentional-fail\\\",\\\"phase\\\":\\\"Failed\\\",\\\"podName\\\":\\\"{name}\\\"", message, StringComparison.Ordinal);
    }

    // Ports TestWfHookNoExpression: a workflow hook other than exit without an expression. Upstream fails the
    // workflow with "invalid spec: hooks.failure Expression required"; Durango refuses it at submission with that text.
    [Fact]
    public async Task WfHookNoExpression_RefusedWithUpstreamsReason()
    {
        var outcome = await _engine.Workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hook-failures-}
            spec:
              entrypoint: message
              hooks:
                failure: {template: message}
              templates:
                - name: message
                  script: {image: alpine:3.23, command: [sh], source: "echo Hi\n"}
            """, "test.yaml", []));

        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        Assert.Contains("hooks.failure Expression required", string.Join("\n", outcome.Diagnostics), StringComparison.Ordinal);
    }

    // Ports TestStepHookNoExpression: the same for a step's hook; upstream's message names
    // templates.main.steps[0].step-1.foo.
    [Fact]
    public async Task StepHookNoExpression_RefusedWithUpstreamsReason()
    {
        var outcome = await _engine.Workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hook-failures-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: step-1
                        template: message
                        hooks:
                          foo: {template: message}
                - name: message
                  script: {image: alpine:3.23, command: [sh], source: "echo Hi\n"}
            """, "test.yaml", []));

        Assert.Equal(SubmitStatus.Invalid, outcome.Status);
        Assert.Contains("templates.main.steps[0].step-1.foo Expression required", string.Join("\n", outcome.Diagnostics), StringComparison.Ordinal);
    }

    // Ports TestWfHookWfWaitForTriggeredHook: the workflow waits for its triggered running hook (progress 2/2, both
    // Succeeded); the entry node carries no hook flag; the failure hook never triggers and is not waited for.
    [Fact]
    public async Task WfHookWfWaitForTriggeredHook_WorkflowWaitsForTheHook()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hook-running-}
            spec:
              entrypoint: main
              hooks:
                running: {expression: workflow.status == "Running", template: sleep}
                failure: {expression: workflow.status == "Failed", template: sleep}
              templates:
                - name: main
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo", "This template finish fastest"]}
                - name: sleep
                  script: {image: alpine:3.23, command: [sh], source: "sleep 1\n"}
            """);

        var name = view.Metadata.Name;
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("2/2", view.Status.Progress);
        var hook = view.Node($"{name}.hooks.running");
        Assert.Equal(NodePhase.Succeeded, hook.Phase);
        Assert.True(hook.NodeFlag?.Hooked);
        var entry = view.Node(name);
        Assert.Equal(NodePhase.Succeeded, entry.Phase);
        Assert.Null(entry.NodeFlag);
        Assert.False(view.HasNode($"{name}.hooks.failure"));
    }

    // Ports TestWfTemplHookWfWaitForTriggeredHook: the same for a step's running hook (the step sleeps a second so
    // the hook sees it Running, as upstream's pod does).
    [Fact]
    public async Task WfTemplHookWfWaitForTriggeredHook_WorkflowWaitsForTheStepsHook()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hook-running-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: job
                        template: exit0
                        hooks:
                          running:
                            expression: steps['job'].status == "Running"
                            template: hook
                          failed:
                            expression: steps['job'].status == "Failed"
                            template: hook
                - name: hook
                  script: {image: alpine:3.23, command: [/bin/sh], source: "sleep 1\n"}
                - name: exit0
                  script: {image: alpine:3.23, command: [/bin/sh], source: "sleep 1; exit 0\n"}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("2/2", view.Status.Progress);
        var hook = view.Node("job.hooks.running");
        Assert.Equal(NodePhase.Succeeded, hook.Phase);
        Assert.True(hook.NodeFlag?.Hooked);
        var job = view.Node("job");
        Assert.Equal(NodePhase.Succeeded, job.Phase);
        Assert.Null(job.NodeFlag);
        Assert.False(view.HasNode("job.hooks.failed"));
    }

    // Ports TestExitHookSkippedOutputAbsenceSemantics: an exit hook's arguments treat a skipped defaultless output as
    // steps do: a bare reference gives way to the hook template's input default, `??` sees nil.
    [Fact]
    public async Task ExitHookSkippedOutputAbsenceSemantics_DefaultAndFallbackApply()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-skipped-ref-exit-hook-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: producer, template: produce, when: "false"}
                - - name: work
                    template: simple
                    hooks:
                      exit:
                        template: consume
                        arguments:
                          parameters:
                          - {name: in, value: "{{steps.producer.outputs.parameters.msg}}"}
                          - {name: in2, value: "{{= steps.producer.outputs.parameters.msg ?? 'hook-fallback'}}"}
              - name: produce
                outputs: {parameters: [{name: msg, valueFrom: {path: /tmp/out.txt}}]}
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo hello > /tmp/out.txt"]}
              - name: simple
                container: {image: alpine:3.23, command: [echo, hello]}
              - name: consume
                inputs: {parameters: [{name: in, default: FALLBACK}, {name: in2}]}
                container: {image: alpine:3.23, command: [echo, "{{inputs.parameters.in}} {{inputs.parameters.in2}}"]}
            """);

        Assert.Equal(NodePhase.Skipped, view.Node("producer").Phase);
        var hook = view.Node("work.onExit");
        Assert.Equal("FALLBACK", hook.Inputs!.Parameters.Single(p => p.Name == "in").Value);
        Assert.Equal("hook-fallback", hook.Inputs.Parameters.Single(p => p.Name == "in2").Value);
    }
}
