using Durango.Api.Workflows;
using Durango.Engine.Artifacts;
using Durango.Engine.Model;
using Durango.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of upstream's artifact e2e tests (test/e2e/functional_test.go and test/e2e/artifacts_test.go, v4.1.2) on the
/// in-memory host, whose default repository is a local folder: optional inputs and outputs, a subPath that names a
/// skipped task's output, the <c>main-logs</c> artifact, and a looped step's outputs.artifacts (which upstream does
/// not aggregate). The fixtures are upstream's, with the process runtime's argosay stand-in and local URLs.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class ArtifactSuiteTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports FunctionalSuite.TestOptionalInputArtifacts (testdata/input-artifacts.yaml): an http input that answers 404
    // and a key that is not in the repository are optional, so the step runs without them.
    [Fact]
    public async Task OptionalInputArtifacts_NotFound_Succeeds()
    {
        await using var server = await LoopbackServer.StartAsync((_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: input-artifacts-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                  inputs:
                    artifacts:
                      - name: my-http-artifact
                        path: /my-http-artifact
                        optional: true
                        http:
                          url: {{server.BaseUrl}}/argoproj/argo-workflows/not-found
                      - name: my-s3-artifact
                        path: /my-s3-artifact
                        optional: true
                        s3:
                          key: my-key-that-is-not-there
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Single(server.To("/argoproj/argo-workflows/not-found"));
    }

    [Fact]
    public async Task RequiredHttpInputArtifact_NotFound_ErrorsTheStep()
    {
        await using var server = await LoopbackServer.StartAsync((_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var view = await _engine.RunAsync($$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: input-artifacts-required-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  container: {image: argoproj/argosay:v2}
                  inputs:
                    artifacts:
                      - name: page
                        path: /page
                        http: {url: "{{server.BaseUrl}}/missing"}
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Contains("404", view.Node(view.Metadata.Name!).Message, StringComparison.Ordinal);
    }

    // Ports FunctionalSuite.TestOptionalOutputArtifacts (functional/output-artifact-optional.yaml): the step writes
    // another file than the optional output's path; the workflow still succeeds and the node has no such artifact.
    [Fact]
    public async Task OptionalOutputArtifact_NotProduced_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: output-artifact-optional-}
            spec:
              entrypoint: artifact-example
              templates:
                - name: artifact-example
                  steps:
                    - - name: generate-artifact
                        template: whalesay
                - name: whalesay
                  container:
                    image: argoproj/argosay:v1
                    command: [sh, -c]
                    args: ["echo hello world | tee /tmp/hello_world12.txt"]
                  outputs:
                    artifacts:
                      - name: hello-art
                        optional: true
                        path: /tmp/hello_world.txt
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Null(view.Node("generate-artifact").Outputs?.Artifacts);
    }

    // Ports ArtifactsSuite.TestSameInputOutputPathOptionalArtifact (testdata/same-input-output-path-optional.yaml).
    [Fact]
    public async Task OptionalInputAndOutputAtTheSamePath_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: optional-input-output-artifact-same-location-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  inputs:
                    artifacts:
                      - name: file
                        path: /tmp/file1.txt
                        optional: true
                  container:
                    image: argoproj/argosay:v2
                    args: ["echo", "test", "/tmp/file1.txt"]
                  outputs:
                    artifacts:
                      - name: file
                        path: /tmp/file1.txt
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal("file", view.Node(view.Metadata.Name!).Outputs!.Artifacts!.Single().Name);
    }

    // Ports FunctionalSuite.TestDAGSkippedArtifactSubPathRef (functional/dag-skipped-artifact-subpath-ref.yaml): the
    // subPath names a skipped task's output that has no default; the consumer errors with "absent optional".
    [Fact]
    public async Task Dag_SubPathFromASkippedTasksOutput_ConsumerErrors()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-skipped-artifact-subpath-ref-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: artifact-producer
                        template: produce-artifact
                      - name: param-producer
                        template: produce-param
                        when: "false"
                      - name: consumer
                        template: consume
                        depends: "artifact-producer && (param-producer.Succeeded || param-producer.Skipped)"
                        arguments:
                          artifacts:
                            - name: data
                              from: "{{tasks.artifact-producer.outputs.artifacts.out}}"
                              subPath: "{{tasks.param-producer.outputs.parameters.dir}}"
                - name: produce-artifact
                  outputs:
                    artifacts:
                      - name: out
                        path: /tmp/message
                  container:
                    image: argoproj/argosay:v2
                    args: ["echo", "hello", "/tmp/message"]
                - name: produce-param
                  outputs:
                    parameters:
                      - name: dir
                        valueFrom:
                          path: /tmp/dir.txt
                  container:
                    image: argoproj/argosay:v2
                    args: ["echo", "subdir", "/tmp/dir.txt"]
                - name: consume
                  inputs:
                    artifacts:
                      - name: data
                        path: /tmp/in
                  container:
                    image: argoproj/argosay:v2
                    args: ["echo", "consumed"]
            """);

        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("param-producer").Phase);
        var consumer = view.Node("consumer");
        Assert.Equal(NodePhase.Error, consumer.Phase);
        Assert.Contains("absent optional", consumer.Message, StringComparison.Ordinal);
    }

    // Ports ArtifactsSuite.TestMainLog "Basic" (testdata/basic-workflow.yaml): with archiveLogs the step's log is its
    // main-logs artifact, {workflow}/{pod}/main.log in the repository (upstream turns it on in the repository's
    // configuration; here spec.archiveLogs does, which upstream's IsArchiveLogs reads as well).
    [Fact]
    public async Task MainLog_ArchiveLogs_TheLogIsTheMainLogsArtifact()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: basic-}
            spec:
              entrypoint: main
              archiveLogs: true
              templates:
                - name: main
                  container:
                    image: argoproj/argosay:v2
                    args:
                      - echo
                      - ":) Hello Argo!"
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var name = view.Metadata.Name!;
        var log = view.Node(name).Outputs!.Artifacts!.Single();
        Assert.Equal(("main-logs", $"{name}/{name}/main.log", true), (log.Name, log.Azure!.Blob, log.Azure.KeyOnly));
        Assert.Contains(":) Hello Argo!", await ReadAsync(log.Azure.Blob), StringComparison.Ordinal);
    }

    // Ports ArtifactsSuite.TestMainLog "ActiveDeadlineSeconds" (expectedfailures/timeouts-step.yaml, the deadline
    // shortened): the step is cut off, the workflow Fails, and what it logged is still archived.
    [Fact]
    public async Task MainLog_StepCutOffByItsDeadline_TheLogIsStillArchived()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: timeouts-step-}
            spec:
              entrypoint: sleep
              archiveLogs: true
              templates:
              - name: sleep
                container:
                  image: argoproj/argosay:v2
                  command: [bash, -c]
                  args: ["echo 123; sleep 1d"]
                activeDeadlineSeconds: 2
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var log = view.Node(view.Metadata.Name!).Outputs!.Artifacts!.Single(a => a.Name == "main-logs");
        Assert.Contains("123", await ReadAsync(log.Azure!.Blob), StringComparison.Ordinal);
    }

    // Upstream workflowpod.go IsArchiveLogs: a template's archiveLocation.archiveLogs wins over spec.archiveLogs.
    [Fact]
    public async Task MainLog_TemplateArchiveLocationOff_WinsOverTheWorkflows()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: archive-logs-template-}
            spec:
              entrypoint: main
              archiveLogs: true
              templates:
              - name: main
                steps:
                - - {name: kept, template: kept}
                  - {name: not-kept, template: not-kept}
              - name: kept
                container: {image: argoproj/argosay:v2, args: [echo, kept]}
              - name: not-kept
                archiveLocation: {archiveLogs: false}
                container: {image: argoproj/argosay:v2, args: [echo, not-kept]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("main-logs", view.Node("kept").Outputs!.Artifacts!.Single().Name);
        Assert.Null(view.Node("not-kept").Outputs?.Artifacts);
    }

    // Upstream operator.go processAggregateNodeOutputs aggregates a looped step's result and parameters, never its
    // artifacts (the loop's node has no outputs.artifacts), so a reference to them does not resolve: the workflow
    // fails instead of running on without the artifact (steps.go executeStepGroup, resolveReferences: the steps node fails
    // with the group's message). Each iteration's own artifact is stored and published.
    [Fact]
    public async Task LoopedStepsOutputArtifacts_AreNotAggregated_AReferenceDoesNotResolve()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: loop-artifacts-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: gen
                    template: gen
                    arguments: {parameters: [{name: word, value: "{{item}}"}]}
                    withItems: [a, b]
                - - name: use
                    template: use
                    arguments:
                      artifacts: [{name: in, from: "{{steps.gen.outputs.artifacts.out}}"}]
              - name: gen
                inputs: {parameters: [{name: word}]}
                container: {image: argoproj/argosay:v2, args: [echo, "{{inputs.parameters.word}}", /tmp/out]}
                outputs: {artifacts: [{name: out, path: /tmp/out}]}
              - name: use
                inputs: {artifacts: [{name: in, path: /tmp/in}]}
                container: {image: argoproj/argosay:v2, args: [cat, /tmp/in]}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Failed, Messages(view));
        Assert.All(view.Status.Nodes.Values.Where(n => n.DisplayName.StartsWith("gen(", StringComparison.Ordinal)),
            n => Assert.Equal("out", n.Outputs!.Artifacts!.Single().Name));
        // Upstream errors the step group without making the step's node; Durango makes it, in Error, never run.
        var use = view.Node("use");
        Assert.True(use.Phase == NodePhase.Error && use.Message?.Contains("steps.gen.outputs.artifacts.out", StringComparison.Ordinal) == true, Messages(view));
        Assert.Null(use.Outputs?.Result);
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
