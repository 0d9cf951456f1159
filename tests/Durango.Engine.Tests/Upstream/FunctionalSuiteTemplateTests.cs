using Durango.Api.Templates;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/functional_test.go (FunctionalSuite) about stored templates, hooks, HTTP templates, templated
/// limits and workflow metadata.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class FunctionalSuiteTemplateTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestWorkflowTemplateRefWithExitHandler (smoke/workflow-template-whalesay-template.yaml,
    // testdata/workflow-template-ref-exithandler.yaml): the stored template's onExit runs, the workflow succeeds
    // with no message.
    [Fact]
    public async Task WorkflowTemplateRef_WithTheTemplatesExitHandler_Succeeds()
    {
        await StoreAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: upstream-whalesay-template}
            spec:
              entrypoint: whalesay-template
              onExit: on-exit
              arguments: {parameters: [{name: message, value: hello world}]}
              templates:
              - name: whalesay-template
                inputs: {parameters: [{name: message}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.message}}"]}
              - name: on-exit
                container: {image: argoproj/argosay:v2, args: [echo, Exit Handler]}
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-hello-world-}
            spec:
              entrypoint: whalesay-template
              arguments: {parameters: [{name: message, value: hello world}]}
              workflowTemplateRef: {name: upstream-whalesay-template}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Null(view.Status.Message);
        Assert.Equal(NodePhase.Succeeded, view.Node($"{view.Metadata.Name}.onExit").Phase);
    }

    // Ports TestWorkflowTemplateRefWithExitHandlerError. The exit handler's template has no kind (`templateRef` is a
    // field of steps and tasks, not of templates). Upstream's test writes the WorkflowTemplate straight to
    // Kubernetes and the workflow then fails with "invalid spec"; Durango's only way to store a template validates it
    // (as `argo template create` does), so the template is refused with the reason and no workflow can refer to it.
    [Fact]
    public async Task WorkflowTemplateRef_ExitHandlerWithMissingTemplateRef_TemplateRefused()
    {
        var refused = await StoreAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: upstream-test-exit-handler-error}
            spec:
              entrypoint: main
              onExit: exit-handler
              templates:
              - name: main
                container: {name: main, image: argoproj/argosay:v2}
              - name: exit-handler
                templateRef: {name: nonexistent, template: exit-handler}
            """, expect: TemplateStatus.Invalid);

        Assert.Contains(refused.Diagnostics, d => d.Message.StartsWith("template has no kind", StringComparison.Ordinal) && d.Path == "spec.templates[1]");
    }

    // Ports TestWorkflowLifecycleHookWithWorkflowTemplate: `hooks` on a template (here naming a stored template by
    // templateRef) are not part of Argo's Template type, so Kubernetes drops them and they never run; the workflow
    // succeeds with no message. Durango warns at submission and runs no hook either.
    [Fact]
    public async Task LifecycleHook_OnATemplateItself_NeverRuns()
    {
        await StoreAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: upstream-lifecycle-exit-handler}
            spec:
              entrypoint: main
              templates:
              - name: main
                inputs: {parameters: [{name: message}]}
                container: {image: argoproj/argosay:v2, command: [cowsay], args: ["{{inputs.parameters.message}}"]}
            """);

        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: test-lifecycle-hook-}
            spec:
              entrypoint: hooks-exit-test
              templates:
              - name: hooks-exit-test
                container: {image: argoproj/argosay:v2}
                hooks:
                  exit:
                    templateRef: {name: upstream-lifecycle-exit-handler, template: main}
                    arguments: {parameters: [{name: message, value: hello world}]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Null(view.Status.Message);
        Assert.Equal(NodePhase.Succeeded, Assert.Single(view.Status.Nodes.Values).Phase);
    }

    // Ports TestHTTPOutputs (testdata/http-outputs.yaml), with a loopback server in place of raw.githubusercontent.com:
    // the HTTP node's result is the body, and a later task receives it.
    [Fact]
    public async Task HttpOutputs_ResultPassedToTheNextTask()
    {
        const string Body = """{"swagger":"2.0","info":{"title":"stand-in"}}""";
        await using var server = await LoopbackServer.StartAsync((_, context) => context.Response.WriteAsync(Body));
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-outputs-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: http
                    template: http
                    arguments: {parameters: [{name: url, value: "{{{server.BaseUrl}}}/generated.swagger.json"}]}
                  - name: echo
                    template: echo
                    arguments: {parameters: [{name: msg, value: "{{tasks.http.outputs.result}}"}]}
                    dependencies: [http]
              - name: http
                inputs: {parameters: [{name: url}]}
                http: {url: "{{inputs.parameters.url}}"}
              - name: echo
                inputs: {parameters: [{name: msg}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.msg}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var result = view.Node("http").Outputs?.Result;
        Assert.Equal(Body, result);
        Assert.Equal(result, view.Node("echo").Inputs!.Parameters[0].Value);
    }

    // Ports TestParametrizableLimit: retryStrategy.limit from an input; "No more retries left"; 3 nodes.
    [Fact]
    public async Task ParametrizableLimit_RetryLimitFromAnInput()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: param-limit-}
            spec:
              entrypoint: whalesay
              arguments: {parameters: [{name: limit, value: "1"}]}
              templates:
              - name: whalesay
                inputs: {parameters: [{name: limit}]}
                retryStrategy: {limit: "{{inputs.parameters.limit}}"}
                container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Contains("No more retries left", view.Node(view.Metadata.Name).Message, StringComparison.Ordinal);
        Assert.Equal(3, view.Status.Nodes.Count);
    }

    // Ports TestParametrizableAds: activeDeadlineSeconds from an input stops the step (upstream reads the pod's
    // deadline; Durango has no pod, so the node's deadline message shows it was applied).
    [Fact]
    public async Task ParametrizableAds_ActiveDeadlineFromAnInput()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: param-ads-}
            spec:
              entrypoint: whalesay
              arguments: {parameters: [{name: ads, value: "1"}]}
              templates:
              - name: whalesay
                inputs: {parameters: [{name: ads}]}
                activeDeadlineSeconds: "{{inputs.parameters.ads}}"
                container: {image: argoproj/argosay:v2, args: [sleep, 30s]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var pod = Assert.Single(view.Status.Nodes.Values, n => n.Type == NodeType.Pod);
        Assert.Equal(NodePhase.Failed, pod.Phase);
        Assert.Equal(ArgoMessages.PodDeadlineExceeded, pod.Message);
    }

    // Ports TestWorkflowMetadataLabelsFrom: workflowMetadata.labelsFrom sets a label from an expression.
    [Fact]
    public async Task WorkflowMetadataLabelsFrom_LabelFromAnExpression()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: metadata-}
            spec:
              arguments: {parameters: [{name: foo, value: bar}]}
              workflowMetadata:
                labelsFrom:
                  my-label: {expression: workflow.parameters.foo}
              entrypoint: main
              templates:
              - name: main
                container: {image: argoproj/argosay:v2}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("bar", view.Metadata.Labels["my-label"]);
    }

    private async Task<TemplateOutcome> StoreAsync(string yaml, TemplateStatus expect = TemplateStatus.Done)
    {
        var templates = _engine.Services.GetRequiredService<TemplateService>();
        var put = await templates.PutAsync(WorkflowKind.WorkflowTemplate, null, yaml, "template.yaml", TemplateService.Write.Create);
        Assert.Equal(expect, put.Status);
        return put;
    }
}
