using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/workflow_template_test.go (WorkflowTemplateSuite) and test/e2e/cluster_workflow_template_test.go
/// (ClusterWorkflowTemplateSuite): templates are stored through the TemplateService (as <c>argo template create</c>)
/// and workflows submitted from them as <c>argo submit --from</c> does. The argosay image's <c>/argosay</c> is
/// <c>argosay</c> on the process runtime's PATH.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eTemplateTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestNestedWorkflowTemplate (testdata/workflow-template-nested-template.yaml and
    // smoke/workflow-template-whalesay-template.yaml): a step calls a stored template that calls, through a local
    // template, another stored template; the workflow succeeds. The referenced template is stored first, as Durango
    // validates a stored template's references when storing it.
    [Fact]
    public async Task NestedWorkflowTemplate_Succeeds()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, SmokeTemplates.Whalesay);
        await StoreAsync(WorkflowKind.WorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: workflow-template-nested-template}
            spec:
              templates:
                - name: whalesay-inner-template
                  inputs: {parameters: [{name: message}]}
                  steps:
                    - - name: step
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                        templateRef: {name: workflow-template-whalesay-template, template: whalesay-template}
                - name: whalesay-template
                  inputs: {parameters: [{name: message}]}
                  steps:
                    - - name: step
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                        template: whalesay-inner-template
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-nested-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                steps:
                  - - name: call-whalesay-template
                      templateRef: {name: workflow-template-nested-template, template: whalesay-template}
                      arguments: {parameters: [{name: message, value: "hello from nested"}]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello from nested", Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Pod).Outputs?.Result);
    }

    // Ports TestSubmitWorkflowTemplateWithEnum (testdata/workflow-template-with-enum-values.yaml), submitted from the
    // template.
    [Fact]
    public async Task SubmitWorkflowTemplateWithEnum_Succeeds()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: workflow-template-with-enum-values}
            spec:
              entrypoint: argosay
              arguments:
                parameters:
                  - name: message
                    value: one
                    enum: [one, two, three]
              workflowMetadata:
                labels: {workflows.argoproj.io/test: "true"}
              templates:
                - name: argosay
                  inputs:
                    parameters:
                      - {name: message, value: '{{workflow.parameters.message}}'}
                  container:
                    name: main
                    image: 'argoproj/argosay:v2'
                    command: [argosay]
                    args: [echo, '{{inputs.parameters.message}}']
            """);

        var view = await SubmitFromAsync(WorkflowKind.WorkflowTemplate, "workflow-template-with-enum-values");

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("one", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestSubmitWorkflowTemplateWorkflowMetadataSubstitution (testdata/workflow-template-sub-test.yaml): the
    // step's args are [echo, myLabelArg, thisLabelIsFromWorkflowDefaults]. `default-label` comes from the
    // controller's workflowDefaults upstream, which Durango does not have: here the submission adds the label. With no
    // pod to read the args from, the host's echo prints them.
    [Fact]
    public async Task SubmitWorkflowTemplateWorkflowMetadataSubstitution_LabelsInTheArgs()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: workflow-template-submittable}
            spec:
              entrypoint: whalesay-template
              templates:
                - name: whalesay-template
                  container:
                    image: 'argoproj/argosay:v2'
                    command: [echo]
                    args: [echo, '{{workflow.labels.arg-name}}', '{{workflow.labels.default-label}}']
              workflowMetadata:
                labels: {arg-name: myLabelArg}
            """);

        var view = await SubmitFromAsync(
            WorkflowKind.WorkflowTemplate,
            "workflow-template-submittable",
            new Dictionary<string, string> { ["default-label"] = "thisLabelIsFromWorkflowDefaults" });

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("echo myLabelArg thisLabelIsFromWorkflowDefaults", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestWorkflowTemplateWithHook (testdata/workflow-templates/success-hook.yaml): the template's workflow-level
    // hooks `running` and `succeed` both run and succeed.
    [Fact]
    public async Task WorkflowTemplateWithHook_RunningAndSucceedHooksSucceed()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: hook}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                    command: ["/bin/sh", "-c"]
                    args: ["/bin/sleep 1; argosay"]
              hooks:
                running:
                  expression: workflow.status == "Running"
                  template: main
                succeed:
                  expression: workflow.status == "Succeeded"
                  template: main
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-hook-}
            spec:
              workflowTemplateRef: {name: hook}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(NodePhase.Succeeded, Assert.Single(view.Status.Nodes.Values, n => n.Name.Contains("hooks.running", StringComparison.Ordinal)).Phase);
        Assert.Equal(NodePhase.Succeeded, Assert.Single(view.Status.Nodes.Values, n => n.Name.Contains("hooks.succeed", StringComparison.Ordinal)).Phase);
    }

    // Ports TestWorkflowFromWorkflowTemplateHasLabel: a workflow with a workflowTemplateRef carries the
    // workflows.argoproj.io/workflow-template label.
    [Fact]
    public async Task WorkflowFromWorkflowTemplate_HasLabel()
    {
        await StoreAsync(WorkflowKind.WorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: workflow-template-label-test}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                container: {image: argoproj/argosay:v2, command: [argosay]}
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-from-template-label-}
            spec:
              workflowTemplateRef: {name: workflow-template-label-test}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("workflow-template-label-test", view.Metadata.Labels[ArgoLabels.WorkflowTemplate]);
    }

    // Ports TestClusterWorkflowFromWorkflowTemplateHasLabel (smoke/cluster-workflow-template-whalesay-template.yaml):
    // a workflow with a cluster-scoped workflowTemplateRef carries the workflows.argoproj.io/cluster-workflow-template
    // label.
    [Fact]
    public async Task ClusterWorkflowFromWorkflowTemplate_HasLabel()
    {
        await StoreClusterWhalesayAsync();

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-from-cluster-template-label-}
            spec:
              workflowTemplateRef: {name: cluster-workflow-template-whalesay-template, clusterScope: true}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("cluster-workflow-template-whalesay-template", view.Metadata.Labels[ArgoLabels.ClusterWorkflowTemplate]);
    }

    // Ports TestNestedClusterWorkflowTemplate (testdata/cluster-workflow-template-nested-template.yaml): as the
    // namespaced nested test, with cluster-scoped references.
    [Fact]
    public async Task NestedClusterWorkflowTemplate_Succeeds()
    {
        await StoreClusterWhalesayAsync();
        await StoreAsync(WorkflowKind.ClusterWorkflowTemplate, """
            apiVersion: argoproj.io/v1alpha1
            kind: ClusterWorkflowTemplate
            metadata: {name: cluster-workflow-template-nested-template}
            spec:
              templates:
                - name: whalesay-inner-template
                  inputs: {parameters: [{name: message}]}
                  steps:
                    - - name: step
                        templateRef: {name: cluster-workflow-template-whalesay-template, template: whalesay-template, clusterScope: true}
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
                - name: whalesay-template
                  inputs: {parameters: [{name: message}]}
                  steps:
                    - - name: step
                        template: whalesay-inner-template
                        arguments: {parameters: [{name: message, value: "{{inputs.parameters.message}}"}]}
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cwft-wf-}
            spec:
              entrypoint: whalesay
              templates:
              - name: whalesay
                steps:
                - - name: call-whalesay-template
                    templateRef: {name: cluster-workflow-template-nested-template, template: whalesay-template, clusterScope: true}
                    arguments: {parameters: [{name: message, value: hello from nested}]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello from nested", Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Pod).Outputs?.Result);
    }

    /// <summary>Both cluster tests store the same template (upstream's suites recreate it); the second store finds it there.</summary>
    private async Task StoreClusterWhalesayAsync()
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        if (await templates.GetAsync(WorkflowKind.ClusterWorkflowTemplate, null, "cluster-workflow-template-whalesay-template") is null)
        {
            await StoreAsync(WorkflowKind.ClusterWorkflowTemplate, SmokeTemplates.ClusterWhalesay);
        }
    }

    private async Task StoreAsync(WorkflowKind kind, string yaml)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(kind, kind == WorkflowKind.ClusterWorkflowTemplate ? null : _engine.Workflows.DefaultNamespace, yaml, "template.yaml", TemplateService.Write.Create);
        Assert.True(put.Status == TemplateStatus.Done, $"{put.Status}: {put.Message} {string.Join("; ", put.Diagnostics)}");
    }

    private async Task<WorkflowView> SubmitFromAsync(WorkflowKind kind, string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var outcome = await templates.SubmitAsync(kind, _engine.Workflows.DefaultNamespace, name, new SubmitOptions { Labels = labels ?? new Dictionary<string, string>() });
        Assert.True(outcome is { Status: SubmitStatus.Accepted }, $"{outcome?.Status}: {outcome?.Message} {string.Join("; ", outcome?.Diagnostics ?? [])}");
        return await _engine.WaitAsync(outcome!.Name!);
    }
}
