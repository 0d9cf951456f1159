using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Core.Tests.Resolution;

/// <summary>
/// <c>spec.workflowMetadata</c> and <c>spec.templateDefaults</c> as they shape the resolved workflow (upstream
/// workflow/controller/operator.go: setWorkflowMetadata, and the merge of templateDefaults into each template).
/// </summary>
public sealed class SubmissionDefaultsTests
{
    [Fact]
    public void WorkflowMetadata_LabelsAnnotationsAndLabelsFrom_OwnLabelsWin()
    {
        var workflow = Resolve("""
            metadata: {name: wf, labels: {team: own}}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: foo, value: bar}]}
              workflowMetadata:
                labels: {team: metadata, tier: batch}
                annotations: {note: hello}
                labelsFrom:
                  from-param: {expression: workflow.parameters.foo}
                  from-name: {expression: 'workflow.name + "-" + workflow.labels.tier'}
              templates:
              - name: main
                container: {image: alpine}
            """).Workflow!;

        Assert.Equal("own", workflow.Labels["team"]);
        Assert.Equal("batch", workflow.Labels["tier"]);
        Assert.Equal("bar", workflow.Labels["from-param"]);
        Assert.Equal("wf-batch", workflow.Labels["from-name"]);
        Assert.Equal("hello", workflow.Annotations["note"]);
    }

    [Fact]
    public void WorkflowMetadata_LabelsFromExpressionFails_RefusedWithItsPath()
    {
        var result = Resolve("""
            metadata: {name: wf}
            spec:
              entrypoint: main
              workflowMetadata:
                labelsFrom:
                  broken: {expression: 'nosuchfunction(1)'}
              templates:
              - name: main
                container: {image: alpine}
            """);

        Assert.Null(result.Workflow);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("spec.workflowMetadata.labelsFrom.broken.expression", error.Path);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateDefaults_ContainerAndScript_FillEachKind_TemplatesOwnWins()
    {
        var workflow = Resolve("""
            metadata: {name: wf}
            spec:
              entrypoint: main
              templateDefaults:
                container: {image: busybox, command: [sh, -c], workingDir: /work, env: [{name: A, value: default}, {name: B, value: default}]}
                script: {image: python:3, command: [python]}
              templates:
              - name: main
                container: {args: [echo hi], env: [{name: B, value: own}]}
              - name: own-image
                container: {image: alpine, command: [echo]}
              - name: code
                script: {source: print(1)}
            """).Workflow!;

        var main = Assert.IsType<ContainerBody>(workflow.Templates["main"].Body).Container;
        Assert.Equal("busybox", main.Image);
        Assert.Equal(["sh", "-c"], main.Command);
        Assert.Equal("/work", main.WorkingDir);
        Assert.Equal(["A=default", "B=own"], main.Env.Select(e => $"{e.Name}={e.Value}").Order());
        var own = Assert.IsType<ContainerBody>(workflow.Templates["own-image"].Body).Container;
        Assert.Equal("alpine", own.Image);
        Assert.Equal(["echo"], own.Command);
        var code = Assert.IsType<ScriptBody>(workflow.Templates["code"].Body);
        Assert.Equal("python:3", code.Container.Image);
        Assert.Equal("print(1)", code.Source);
    }

    [Fact]
    public void TemplateDefaults_StepsBody_IsAnErrorAtItsPath()
    {
        var errors = Specs.Errors("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              templateDefaults:
                steps: [[{name: a, template: main}]]
              templates:
              - name: main
                container: {image: alpine}
            """);

        var error = Assert.Single(errors);
        Assert.Equal("spec.templateDefaults.steps", error.Path);
    }

    private static ResolutionResult Resolve(string yaml)
    {
        var document = Specs.LoadOne("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n" + yaml).Document;
        return SpecResolver.Resolve(new Submission(document, "wf", "uid-1", DateTimeOffset.UnixEpoch, []), InMemoryTemplateRegistry.Empty);
    }
}
