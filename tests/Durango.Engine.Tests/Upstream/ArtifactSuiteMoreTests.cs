using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// More ports of test/e2e/artifacts_test.go (v4.1.2) on the in-memory host, whose default repository is a local
/// folder: inputs and outputs on a mounted volume and on an input's own path, passing through a DAG, global artifacts
/// updated step by step, parameterized global artifacts in an exit handler, defaults of skipped outputs, and a
/// result. Upstream's MinIO buckets become keys in the default repository (key-only <c>azure</c> locations).
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class ArtifactSuiteMoreTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports ArtifactsSuite.TestInputOnMount (testdata/input-on-mount-workflow.yaml): a raw input placed inside an
    // emptyDir volume's mount.
    [Fact]
    public async Task InputOnMount_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: input-on-mount-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  volumes:
                    - name: mnt
                      emptyDir: { }
                  container:
                    image: argoproj/argosay:v2
                    args: [ cat , /mnt/in-0 ]
                    volumeMounts:
                      - name: mnt
                        mountPath: /mnt
                  inputs:
                    artifacts:
                      - name: in-0
                        path: /mnt/in-0
                        raw:
                          data: hi
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Contains("hi", await _engine.LogOfAsync(view.Metadata.Name!, view.Metadata.Name!), StringComparison.Ordinal);
    }

    // Ports ArtifactsSuite.TestOutputOnMount (testdata/output-on-mount-workflow.yaml): an output read from inside an
    // emptyDir volume's mount.
    [Fact]
    public async Task OutputOnMount_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: output-on-mount-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  volumes:
                    - name: mnt
                      emptyDir: { }
                  container:
                    image: argoproj/argosay:v2
                    args: [ echo , hi, /mnt/out-0 ]
                    volumeMounts:
                      - name: mnt
                        mountPath: /mnt
                  outputs:
                    artifacts:
                      - name: out-0
                        path: /mnt/out-0
                        archive: {none: {}}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var output = view.Node(view.Metadata.Name!).Outputs!.Artifacts!.Single(a => a.Name == "out-0");
        Assert.Equal("hi\n", await ReadAsync(output.Azure!.Blob));
    }

    // Ports ArtifactsSuite.TestOutputOnInput (testdata/output-on-input-workflow.yaml): the output is the file the
    // raw input was placed at, overwritten by the step.
    [Fact]
    public async Task OutputOnInput_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: output-on-input-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                    args: [ echo , hi, /file ]
                  inputs:
                    artifacts:
                      - name: in-0
                        path: /file
                        raw:
                          data: hi
                  outputs:
                    artifacts:
                      - name: out-0
                        path: /file
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal("out-0", view.Node(view.Metadata.Name!).Outputs!.Artifacts!.Single().Name);
    }

    // Ports ArtifactsSuite.TestArtifactPassing (smoke/artifact-passing.yaml): a directory output passed to the next
    // DAG task.
    [Fact]
    public async Task ArtifactPassing_DirectoryThroughADag_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: artifact-passing-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: generate-artifact
                        template: generate-message
                      - name: consume-artifact
                        template: print-message
                        dependencies:
                          - generate-artifact
                        arguments:
                          artifacts:
                            - name: in
                              from: "{{tasks.generate-artifact.outputs.artifacts.out}}"
                - name: generate-message
                  container:
                    image: argoproj/argosay:v2
                    args: [ "echo", "hello world", "/mnt/out/message" ]
                  outputs:
                    artifacts:
                      - name: out
                        path: /mnt/out
                - name: print-message
                  inputs:
                    artifacts:
                      - name: in
                        path: /mnt/in
                  container:
                    image: argoproj/argosay:v2
                    args: [ "cat", "/mnt/in/message" ]
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Contains("hello world", await _engine.LogOfAsync(view.Metadata.Name!, "consume-artifact"), StringComparison.Ordinal);
    }

    // Ports ArtifactsSuite.TestGlobalArtifactPassing "Basic" (testdata/global-artifact-passing.yaml): each step reads
    // the global artifact, appends to it and publishes it again under the same global name; the last step saves it
    // (to my-bucket-3/globalArtifact upstream, a key of the default repository here), "01".
    [Fact]
    public async Task GlobalArtifactPassing_Basic_EachStepSeesTheLatest()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: global-artifact-passing-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  outputs: {}
                  steps:
                    - - name: create-global-artifact
                        template: create-global-artifact
                    - - name: add-0
                        template: add-to-global-artifact
                        arguments:
                          artifacts:
                            - name: input
                              from: '{{workflow.outputs.artifacts.globalArtifact}}'
                          parameters:
                            - name: value
                              value: '0'
                    - - name: add-1
                        template: add-to-global-artifact
                        arguments:
                          artifacts:
                            - name: input
                              from: '{{workflow.outputs.artifacts.globalArtifact}}'
                          parameters:
                            - name: value
                              value: '1'
                    - - name: save-artifact
                        template: save-artifact
                        arguments:
                          artifacts:
                            - name: input
                              from: '{{workflow.outputs.artifacts.globalArtifact}}'
                - name: create-global-artifact
                  container:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["touch /tmp/artifact.txt"]
                  outputs:
                    artifacts:
                      - globalName: globalArtifact
                        name: artifact
                        path: /tmp/artifact.txt
                        archive:
                          none: {}
                - name: add-to-global-artifact
                  inputs:
                    parameters:
                      - name: value
                    artifacts:
                      - name: input
                        path: /tmp/artifact.txt
                  outputs:
                    artifacts:
                      - globalName: globalArtifact
                        name: artifact
                        path: /tmp/artifact.txt
                        archive:
                          none: {}
                  container:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["echo -n {{inputs.parameters.value}} >> /tmp/artifact.txt"]
                - name: save-artifact
                  container:
                    image: argoproj/argosay:v2
                  inputs:
                    artifacts:
                      - name: input
                        path: /tmp/artifact.txt
                  outputs:
                    artifacts:
                      - name: globalArtifact
                        path: /tmp/artifact.txt
                        archive:
                          none: {}
                        azure:
                          blob: "{{workflow.name}}/globalArtifact"
                        artifactGC:
                          strategy: OnWorkflowDeletion
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal("01", await ReadAsync($"{view.Metadata.Name}/globalArtifact"));
    }

    // Ports ArtifactsSuite.TestExitHandlerWithParameterizedGlobalArtifacts
    // (testdata/exit-handler-parameterized-global-artifacts.yaml): a loop's iterations publish artifacts whose name
    // and globalName use their input (substituted, as upstream substitutes the whole template); the exit handler
    // reads both.
    [Fact]
    public async Task ExitHandlerWithParameterizedGlobalArtifacts_ReadsBoth()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: exit-handler-with-artifacts-}
            spec:
              onExit: exit-handler
              entrypoint: main
              arguments:
                parameters:
                - name: params
                  value: |
                    [
                      { "variable": "car"},
                      { "variable": "bike"}
                    ]
              templates:
                - name: main
                  steps:
                    - - name: step-1
                        template: output
                        arguments:
                          parameters:
                            - name: variable
                              value: "{{item.variable}}"
                        withParam: "{{workflow.parameters.params}}"
                - name: output
                  inputs:
                    parameters:
                    - name: variable
                  script:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["echo Have {{inputs.parameters.variable}} > /result.txt; cat /result.txt"]
                  outputs:
                    artifacts:
                      - name: result-{{inputs.parameters.variable}}
                        path: /result.txt
                        globalName: output-result-{{inputs.parameters.variable}}
                - name: printer
                  inputs:
                    artifacts:
                      - name: message-bike
                        path: /tmp/message-bike
                      - name: message-car
                        path: /tmp/message-car
                  container:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["cat /tmp/message*"]
                - name: exit-handler
                  steps:
                    - - name: printer
                        template: printer
                        arguments:
                          artifacts:
                          - name: message-car
                            from: "{{workflow.outputs.artifacts.output-result-car}}"
                          - name: message-bike
                            from: "{{workflow.outputs.artifacts.output-result-bike}}"
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal(NodePhase.Succeeded, view.Node("printer").Phase);
        var log = await _engine.LogOfAsync(view.Metadata.Name!, "printer");
        Assert.Contains("Have car", log, StringComparison.Ordinal);
        Assert.Contains("Have bike", log, StringComparison.Ordinal);
        var names = view.Status.Nodes.Values.Where(n => n.TemplateName == "output").Select(n => n.Outputs!.Artifacts!.Single().Name);
        Assert.Equal(["result-bike", "result-car"], names.Order(StringComparer.Ordinal));
    }

    // Ports ArtifactsSuite.TestDefaultParameterOutputs: a steps template's output parameter from a skipped step's
    // output takes its default, "Default value".
    [Fact]
    public async Task DefaultParameterOutputs_SkippedStep_DefaultValue()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: default-params-
            spec:
              entrypoint: start
              templates:
              - name: start
                steps:
                  - - name: generate-1
                      template: generate
                  - - name: generate-2
                      when: "True == False"
                      template: generate
                outputs:
                  parameters:
                    - name: nested-out-parameter
                      valueFrom:
                        default: "Default value"
                        parameter: "{{steps.generate-2.outputs.parameters.out-parameter}}"
              - name: generate
                container:
                  image: argoproj/argosay:v2
                  args: [echo, my-output-parameter, /tmp/my-output-parameter.txt]
                outputs:
                  parameters:
                  - name: out-parameter
                    valueFrom:
                      path: /tmp/my-output-parameter.txt
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Contains(view.Status.Nodes.Values, n => n.Outputs?.Parameters?.Any(p => p.Value == "Default value") == true);
    }

    // Ports ArtifactsSuite.TestOutputResult (testdata/output-result-workflow.yaml): task a has an exit code and a
    // result, which task b takes.
    [Fact]
    public async Task OutputResult_ExitCodeAndResult()
    {
        var view = await _engine.RunAsync("""
            kind: Workflow
            apiVersion: argoproj.io/v1alpha1
            metadata:
              generateName: output-result-
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: a
                        template: produce
                      - name: b
                        template: consume
                        dependencies:
                          - a
                        arguments:
                          parameters:
                            - name: text
                              value: "{{tasks.a.outputs.result}}"
                - name: produce
                  container:
                    image: argoproj/argosay:v2
                - name: consume
                  inputs:
                    parameters:
                      - name: text
                  container:
                    image: argoproj/argosay:v2
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var a = view.Node("a");
        Assert.Equal(("0", "hello argo"), (a.Outputs?.ExitCode, a.Outputs?.Result));
        Assert.Equal("hello argo", view.Node("b").Inputs!.Parameters.Single().Value);
    }

    private static string Messages(WorkflowView view) =>
        $"{view.Status.Phase}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}"));

    private async Task<string> ReadAsync(string key)
    {
        var repository = _engine.Services.GetRequiredService<DefaultArtifactRepository>().Repository;
        await using var stream = await repository.OpenReadAsync(key, CancellationToken.None);
        Assert.True(stream is not null, $"{key} is not in the default repository");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
