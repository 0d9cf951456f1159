using System.Globalization;
using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's tests of workflow outputs, global variables and workflow parameters,
/// and of the WorkflowTemplate validations. Upstream reads <c>woc.globalParams()</c> between <c>operate</c> passes; the
/// ports read what a step or exit handler was given.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerGlobalsTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    // Ports TestWorkflowOutputs: a DAG task whose template has an output parameter from a path; the workflow
    // Succeeds (the port's container writes the file, as upstream's pod is taken to).
    [Fact]
    public async Task WorkflowOutputs_DagTaskWithOutputParameter_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: my-wf-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: step-1, template: child}
              - name: child
                container: {image: my-image, command: [sh, -c], args: ["printf value > /tmp/my-path"]}
                outputs:
                  parameters:
                  - name: my-param
                    valueFrom: {path: /tmp/my-path}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("value", view.Node("step-1").Outputs?.Parameter("my-param"));
    }

    // Ports TestGlobalVarsOnExit: a workflow from a WorkflowTemplate whose onExit template has an input `message`
    // and no arguments; the exit handler is called with the workflow's arguments, so it sees the workflow's value.
    [Fact]
    public async Task GlobalVarsOnExit_ExitHandlerTakesTheWorkflowsArguments()
    {
        var template = $"hello-world-{_suffix}";
        await StoreAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: {{{template}}} }
            spec:
              entrypoint: whalesay
              onExit: exitContainer
              arguments: {parameters: [{name: message, value: default}]}
              templates:
              - name: whalesay
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay:latest, command: [echo], args: ["hello {{inputs.parameters.message}}"]}
              - name: exitContainer
                inputs: {parameters: [{name: message}]}
                container: {image: docker/whalesay, command: [echo], args: ["goodbye {{inputs.parameters.message}}"]}
            """);

        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: hello-world-}
            spec:
              arguments: {parameters: [{name: message, value: nononono}]}
              workflowTemplateRef: {name: {{{template}}} }
            """);

        var exit = view.Node($"{view.Metadata.Name}.onExit");
        Assert.Equal("nononono", exit.Inputs!.Parameters[0].Value);
    }

    // Ports TestGlobalParamDuration: {{workflow.duration}} is seconds with six decimals, and grows: upstream reads
    // 0.000000 at the first pass (its test creates and operates the workflow at one instant) and more once the pod
    // ended; here a task sees it at its start and the exit handler after the task ended. It counts from the workflow's
    // status.startedAt, not its submission (operator.go, workflowDurationSeconds): what the task sees is exactly the time
    // from the workflow's start to the task's (both are the orchestration's recorded clock, not a measured wait).
    [Fact]
    public async Task GlobalParamDuration_SixDecimalsAndGrowing()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: my-wf-}
            spec:
              entrypoint: main
              onExit: after
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: pod, template: pod}
              - name: pod
                container: {image: my-image, command: [echo, "{{workflow.duration}}"]}
              - name: after
                container: {image: my-image, command: [echo, "{{workflow.duration}}"]}
            """);

        var during = view.Node("pod").Outputs!.Result!;
        var after = view.Node($"{view.Metadata.Name}.onExit").Outputs!.Result!;
        Assert.Matches(@"^\d+\.\d{6}$", during);
        Assert.Matches(@"^\d+\.\d{6}$", after);
        Assert.True(double.Parse(after, CultureInfo.InvariantCulture) > double.Parse(during, CultureInfo.InvariantCulture));
        var sinceStart = (view.Node("pod").StartedAt!.Value - view.Status.StartedAt!.Value).TotalSeconds;
        Assert.Equal(sinceStart, double.Parse(during, CultureInfo.InvariantCulture), 0.000_001);
    }

    // Ports TestSetGlobalParametersOverriding (upstream issue 14426): a workflow argument with both a value and a
    // configMapKeyRef keeps its value (the ConfigMap is never read, and need not exist); the template's inputs are the
    // same parameters through a YAML anchor.
    [Fact]
    public async Task SetGlobalParametersOverriding_ValueWinsOverConfigMapKeyRef()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: parameter-valuefrom-value-}
            spec:
              entrypoint: echo
              arguments: &args
                parameters:
                  - name: message
                    value: "configmap argument overwrite with argument"
                    valueFrom:
                      configMapKeyRef: {name: config-properties, key: message}
              templates:
                - name: echo
                  inputs: *args
                  container:
                    image: busybox
                    command: [printf]
                    args: ["WORKFLOW: %s\nINPUT: %s", "{{workflow.parameters.message}}", "{{inputs.parameters.message}}"]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("configmap argument overwrite with argument", view.Spec!["arguments"]!["parameters"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(
            "WORKFLOW: configmap argument overwrite with argument\nINPUT: configmap argument overwrite with argument",
            view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestWorkflowScheduledTimeVariable: {{workflow.scheduledTime}} is the scheduled-time annotation as written.
    // (Upstream's fixture also sets `shutdown: Stop` so that its pass creates no pod; Durango stops through its API.)
    [Fact]
    public async Task WorkflowScheduledTimeVariable_IsTheAnnotation()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: hello-world-
              annotations:
                workflows.argoproj.io/scheduled-time: 2006-01-02T15:04:05-07:00
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                container: {image: docker/whalesay:latest, command: [echo], args: ["{{workflow.scheduledTime}}"]}
            """);

        Assert.Equal("2006-01-02T15:04:05-07:00", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestWorkflowTemplateOnExitValidation (testdata/workflow-template-invalid-onexit.yaml): the onExit template
    // has no kind. Upstream's test puts the WorkflowTemplate straight into Kubernetes and the workflow then fails with
    // "invalid spec"; Durango's only way to store a template validates it (as `argo template create` does), so the
    // template is refused at the invalid template's path and no workflow can refer to it.
    [Fact]
    public Task WorkflowTemplateOnExitValidation_InvalidExitTemplate_Refused() => AssertRefusedAsync("onexit", """
            - name: whalesay
              container: {image: 'argoproj/argosay:v2', command: [/argosay], args: [echo, 'hello world']}
            - name: notify
        """, "spec.templates[1]");

    // Ports TestWorkflowTemplateEntryPointValidation (testdata/workflow-template-invalid-entrypoint.yaml): the same
    // for the entrypoint template.
    [Fact]
    public Task WorkflowTemplateEntryPointValidation_InvalidEntrypoint_Refused() => AssertRefusedAsync("entrypoint", """
            - name: whalesay
            - name: notify
              container: {image: 'argoproj/argosay:v2', command: [/argosay], args: [echo, 'hello world']}
        """, "spec.templates[0]");

    private async Task AssertRefusedAsync(string kind, string templates, string path)
    {
        var templateService = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templateService.PutAsync(WorkflowKind.WorkflowTemplate, null, $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: workflow-template-invalid-{{{kind}}}-{{{_suffix}}} }
            spec:
              volumeClaimTemplates:
                - metadata: {name: builddir}
                  spec:
                    accessModes: [ "ReadWriteMany" ]
                    resources: {requests: {storage: 1Mi}}
              volumeClaimGC: {strategy: OnWorkflowCompletion}
              entrypoint: whalesay
              onExit: notify
              templates:
            {{{templates}}}
            """, "template.yaml", TemplateService.Write.Create);

        Assert.Equal(TemplateStatus.Invalid, put.Status);
        Assert.Contains(put.Diagnostics, d => d.Message.StartsWith("template has no kind", StringComparison.Ordinal) && d.Path == path);
    }

    private async Task StoreAsync(string yaml)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, yaml, "template.yaml", TemplateService.Write.Create);
        Assert.True(put.Status == TemplateStatus.Done, string.Join("\n", put.Diagnostics.Select(d => d.ToString())));
    }
}
