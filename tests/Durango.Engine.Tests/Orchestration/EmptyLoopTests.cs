using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// A loop that expands to nothing leaves one Skipped node, "Skipped, empty params" (upstream
/// workflow/controller/steps.go expandStepGroup and dag.go executeDAGTask), and a script with no source runs its
/// container as it is and a script's path follows the container's args (operator.go executeScript).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EmptyLoopTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    private const string Generator = """
          - name: gen-number-list
            script:
              image: argoproj/argosay:v2
              args: ["echo", "[]"]
          - name: sleep-n-sec
            inputs:
              parameters:
              - name: seconds
            container:
              image: argoproj/argosay:v1
              command: [sh, -c]
              args: ["echo sleeping for {{inputs.parameters.seconds}} seconds; sleep {{inputs.parameters.seconds}}; echo done"]
        """;

    // Ports test/e2e/functional_test.go TestLoopEmptyParam (functional/loops-empty-param.yaml).
    [Fact]
    public async Task WithParam_EmptyListInSteps_OneSkippedNodeAndWorkflowSucceeds()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: loops-param-result-}
            spec:
              entrypoint: loop-param-result-example
              templates:
              - name: loop-param-result-example
                steps:
                - - name: generate
                    template: gen-number-list
                - - name: sleep
                    template: sleep-n-sec
                    arguments:
                      parameters:
                      - name: seconds
                        value: "{{item}}"
                    withParam: "{{steps.generate.outputs.result}}"
            {{{Generator}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(5, view.Status.Nodes.Count);
        AssertSkippedEmpty(view.Node("sleep"));
    }

    // Ports test/e2e/functional_test.go TestDAGEmptyParam (functional/dag-empty-param.yaml).
    [Fact]
    public async Task WithParam_EmptyListInDag_OneSkippedNodeAndWorkflowSucceeds()
    {
        var view = await _engine.RunAsync($$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-param-result-}
            spec:
              entrypoint: dag-param-result-example
              templates:
              - name: dag-param-result-example
                dag:
                  tasks:
                  - name: generate
                    template: gen-number-list
                  - name: sleep
                    template: sleep-n-sec
                    arguments:
                      parameters:
                      - name: seconds
                        value: "{{item}}"
                    withParam: "{{tasks.generate.outputs.result}}"
                    dependencies:
                    - generate
            {{{Generator}}}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(3, view.Status.Nodes.Count);
        AssertSkippedEmpty(view.Node("sleep"));
    }

    [Fact]
    public async Task WithSequence_CountZero_OneSkippedNode()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: loops-sequence-empty-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: sequence-count
                    template: echo
                    arguments: {parameters: [{name: num, value: "{{item}}"}]}
                    withSequence: {count: "0"}
              - name: echo
                inputs: {parameters: [{name: num}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.num}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        AssertSkippedEmpty(view.Node("sequence-count"));
    }

    [Fact]
    public async Task Script_EmptySource_RunsContainerCommandAndArgs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: script-no-source-}
            spec:
              entrypoint: main
              templates:
              - name: main
                script:
                  image: alpine
                  command: [echo]
                  args: [hello, world]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    [Fact]
    public async Task Script_WithArgs_ScriptPathComesAfterArgs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: script-args-}
            spec:
              entrypoint: main
              templates:
              - name: main
                script:
                  image: alpine
                  command: [sh]
                  args: [-c, "echo from-args"]
                  source: echo from-source
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("from-args", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    private static void AssertSkippedEmpty(Api.Workflows.NodeView node)
    {
        Assert.Equal(NodePhase.Skipped, node.Phase);
        Assert.Equal(NodeType.Skipped, node.Type);
        Assert.Equal("Skipped, empty params", node.Message);
    }
}
