using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/hooks_test.go's tests whose fixtures start from a workflow already in Error or
/// Failed (upstream's step pods are gone, so one <c>operate</c> errors them, or its deadline has long passed). The
/// ports reach that state for real: a step errors by exiting without writing its declared output (as upstream's wait
/// container errors a pod), or fails by its exit code. The hooks' HTTP template calls a loopback server standing in
/// for GitHub. Stored templates get names of their own per test, since the engine collection's host is shared.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerHooksErrorTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    // Ports TestExecuteWfLifeCycleHook: the workflow ends in Error, so its error hook runs and is flagged. Upstream's
    // fixture is a steps workflow frozen in Error; a steps template whose step errors Fails (its step group fails,
    // whatever the child's phase, upstream's steps.go as here), so the workflow reaches Error here by its entry
    // erroring. Upstream also finds no running hook because its fixture is never Running; a run from the start is
    // Running first, here as upstream, so the running hook's absence is not something a real run shows.
    [Fact]
    public async Task ExecuteWfLifeCycleHook_WorkflowInError_ErrorHookRuns()
    {
        await using var server = await StartServerAsync();
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-}
            spec:
              entrypoint: heads
              hooks:
                exit: {template: http}
                error: {expression: workflow.status == "Error", template: http}
                running: {expression: workflow.status == "Running", template: http}
              templates:
              - name: heads
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo \"it was heads\""]}
                outputs: {parameters: [{name: never, valueFrom: {path: /tmp/never-written}}]}
              - name: http
                http: {url: "{{{server.BaseUrl}}}/generated.swagger.json"}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        var hook = view.Node($"{view.Metadata.Name}.hooks.error");
        Assert.True(hook.NodeFlag?.Hooked);
    }

    // Ports TestWorkflowTemplateRefWithHook: a workflow from a WorkflowTemplate (upstream's wftWithHook) whose step-1
    // errors; step-1's error hook runs and is flagged.
    [Fact]
    public async Task WorkflowTemplateRefWithHook_StepErrors_ItsErrorHookRuns()
    {
        await using var server = await StartServerAsync();
        var template = await StoreWftWithHookAsync(server);

        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-whalesay-template-}
            spec:
              arguments: {parameters: [{name: message, value: test}]}
              entrypoint: main
              workflowTemplateRef: {name: {{{template}}} }
            """);

        Assert.Equal(NodePhase.Error, view.Node("step-1").Phase);
        var hook = view.Node("step-1.hooks.error");
        Assert.True(hook.NodeFlag?.Hooked);
    }

    // Ports TestTemplateRefWithHook: step-1 runs the stored template's main by templateRef, with hooks of its own
    // naming the stored http template. Inside, main's step-1 errors and its error hook runs and is flagged (the node
    // upstream finds by that display name). The outer step-1 is a steps node whose group failed, so it is Failed and
    // its own error hook does not run.
    [Fact]
    public async Task TemplateRefWithHook_InnerStepErrors_ItsErrorHookRuns()
    {
        await using var server = await StartServerAsync();
        var template = await StoreWftWithHookAsync(server);

        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-whalesay-template-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: step-1
                    templateRef: {name: {{{template}}}, template: main}
                    hooks:
                      exit:
                        expression: steps["step-1"].status == "Running"
                        templateRef: {name: {{{template}}}, template: http}
                      error:
                        expression: steps["step-1"].status == "Error"
                        templateRef: {name: {{{template}}}, template: http}
            """);

        var hooks = view.Status.Nodes.Values.Where(n => n.DisplayName == "step-1.hooks.error").ToList();
        var hook = Assert.Single(hooks);
        Assert.True(hook.NodeFlag?.Hooked);
        var outer = view.Status.Nodes.Values.Single(n => n.DisplayName == "step-1" && n.Type == NodeType.Steps);
        Assert.Equal(NodePhase.Failed, outer.Phase);
        var inner = view.Status.Nodes.Values.Single(n => n.DisplayName == "step-1" && n.Type != NodeType.Steps);
        Assert.Equal(NodePhase.Error, inner.Phase);
        Assert.StartsWith(inner.Name, hook.Name, StringComparison.Ordinal);
    }

    // Ports TestWfTemplateRefWithHook: a workflow from a WorkflowTemplate with a `Failed` hook on workflow.status ==
    // "Failed". Upstream's fixture fails by its long-passed activeDeadlineSeconds; here step1 fails by its exit code.
    // The hook runs and is flagged.
    [Fact]
    public async Task WfTemplateRefWithHook_WorkflowFails_FailedHookRuns()
    {
        await using var server = await StartServerAsync();
        var template = $"lifecycle-hook-{_suffix}";
        await StoreAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{{template}}} }
            spec:
              activeDeadlineSeconds: 300
              entrypoint: main
              hooks:
                exit: {template: http}
                Failed: {expression: workflow.status == "Failed", template: http}
              templates:
              - name: main
                steps:
                - - {name: step1, template: heads}
              - name: heads
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo \"it was heads\"; exit 1"]}
              - name: http
                http: {url: "{{{server.BaseUrl}}}/api/v1/employees"}
            """);

        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: lifecycle-hook-}
            spec:
              workflowTemplateRef: {name: {{{template}}} }
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var hook = view.Node($"{view.Metadata.Name}.hooks.Failed");
        Assert.True(hook.NodeFlag?.Hooked);
    }

    private static Task<LoopbackServer> StartServerAsync() =>
        LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync("{}"));

    // Upstream's wftWithHook, its echo erroring.
    private async Task<string> StoreWftWithHookAsync(LoopbackServer server)
    {
        var name = $"workflow-template-whalesay-template-{_suffix}";
        await StoreAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{{name}}} }
            spec:
              hooks:
                exit: {template: http}
                running: {expression: workflow.status == "Running", template: http}
              templates:
                - name: main
                  steps:
                    - - name: step-1
                        hooks:
                          exit: {expression: 'steps["step-1"].status == "Running"', template: http}
                          error: {expression: 'steps["step-1"].status == "Error"', template: http}
                        template: echo
                    - - name: step2
                        hooks:
                          exit: {expression: steps.step2.status == "Running", template: http}
                          error: {expression: steps.step2.status == "Error", template: http}
                        template: echo
                - name: echo
                  container: {image: alpine:3.23, command: [sh, -c], args: ["echo \"it was heads\""]}
                  outputs: {parameters: [{name: never, valueFrom: {path: /tmp/never-written}}]}
                - name: http
                  http: {url: "{{{server.BaseUrl}}}/generated.swagger.json"}
            """);
        return name;
    }

    private async Task StoreAsync(string yaml)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, yaml, "template.yaml", TemplateService.Write.Create);
        Assert.True(put.Status == TemplateStatus.Done, string.Join("\n", put.Diagnostics.Select(d => d.ToString())));
    }
}
