using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// A DAG task reads the variables of the tasks it names, wherever they are among its ancestors, and the DAG's outputs
/// read every task's (upstream's dag.go resolves <c>tasks.NAME.*</c> from the task's ancestry; Durango gives each task
/// only the tasks its text names, <c>TaskReferences</c>).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DagTaskScopeTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task ATaskReadsAGrandparentAndAnExpressionIndex_AndTheOutputsReadAnyTask()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-scope-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - {name: a, template: say, arguments: {parameters: [{name: m, value: alpha}]}}
                  - {name: b, template: say, depends: a, arguments: {parameters: [{name: m, value: beta}]}}
                  - name: c
                    template: say
                    depends: b
                    arguments:
                      parameters: [{name: m, value: "{{tasks.a.outputs.result}}-{{=tasks['b'].outputs.result}}"}]
                outputs:
                  parameters:
                  - {name: first, valueFrom: {parameter: "{{tasks.a.outputs.result}}"}}
                  - {name: last, valueFrom: {parameter: "{{tasks.c.outputs.result}}"}}
              - name: say
                inputs:
                  parameters: [{name: m}]
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.m}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("alpha-beta", view.Node("c").Outputs?.Result);
        var outputs = view.Node(view.Metadata.Name).Outputs!.Parameters.ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal("alpha", outputs["first"]);
        Assert.Equal("alpha-beta", outputs["last"]);
    }
}
