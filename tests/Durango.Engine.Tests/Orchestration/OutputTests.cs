using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

[Collection(EngineCollection.Name)]
public sealed class OutputTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task OutputParameter_FromPathWithGlobalName_ReachesLaterStepsAndWorkflowOutputs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: write, template: write}
                    - - name: read
                        template: echo
                        arguments: {parameters: [{name: text, value: "{{workflow.outputs.parameters.color}}/{{steps.write.outputs.parameters.color}}"}]}
                - name: write
                  container: {image: alpine, command: [sh, -c, "printf blue > color.txt"]}
                  outputs:
                    parameters:
                      - name: color
                        globalName: color
                        valueFrom: {path: color.txt}
                - name: echo
                  inputs: {parameters: [{name: text}]}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("blue/blue", view.Node("read").Outputs?.Result);
        Assert.Equal([new ParameterValue("color", "blue")], view.Status.Outputs?.Parameters);
    }

    [Fact]
    public async Task OutputParameter_MissingFileWithDefault_UsesDefault_WithoutDefault_Errors()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: missing-out-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - {name: with-default, template: with-default}
                      - {name: without, template: without}
                - name: with-default
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    parameters:
                      - name: p
                        valueFrom: {path: nothing.txt, default: fallback}
                - name: without
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    parameters:
                      - name: p
                        valueFrom: {path: nothing.txt}
            """);

        Assert.Equal("fallback", view.Node("with-default").Outputs?.Parameter("p"));
        Assert.Equal(NodePhase.Error, view.Node("without").Phase);
        Assert.Contains("nothing.txt was not produced", view.Node("without").Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    [Fact]
    public async Task Script_StdoutIsResultAndExitCodeIsRecorded()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: script-}
            spec:
              entrypoint: gen
              templates:
                - name: gen
                  script:
                    image: python:alpine3.6
                    command: [python3]
                    source: |
                      import sys
                      print("to stdout")
                      print("to stderr", file=sys.stderr)
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var root = view.Node(view.Metadata.Name);
        Assert.Equal("to stdout", root.Outputs?.Result);
        Assert.Equal("0", root.Outputs?.ExitCode);
        var log = await _engine.LogOfAsync(view.Metadata.Name, view.Metadata.Name);
        Assert.Contains("to stdout", log, StringComparison.Ordinal);
        Assert.Contains("to stderr", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_SubmissionOverride_WinsOverSpecValue()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: override-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: message, value: default}]}
              templates:
                - name: main
                  container: {image: alpine, command: [echo, "{{workflow.parameters.message}}"]}
            """, ("message", "from-cli"));
        var view = await _engine.WaitAsync(name);

        Assert.Equal("from-cli", view.Node(name).Outputs?.Result);
    }
}
