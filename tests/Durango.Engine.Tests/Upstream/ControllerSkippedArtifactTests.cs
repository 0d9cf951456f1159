using Durango.Api.Workflows;
using Durango.Core.Loading;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of the artifact tests of workflow/controller/steps_test.go, dag_test.go and exit_handler_test.go: artifacts
/// passed from steps and tasks that were skipped or wrote nothing, optional arguments, and exit hooks that take the
/// step's output artifact. Upstream asserts after one or two <c>operate</c> passes (the consumer's pod Pending, the
/// workflow Running); the ports run to the end and assert that the consumer ran and the workflow Succeeded.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerSkippedArtifactTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports steps_test.go TestArtifactResolutionWhenSkipped: a skipped step's argument names a skipped step's output
    // artifact; nothing needs resolving, the workflow Succeeds.
    [Fact]
    public async Task Steps_ArtifactResolutionWhenSkipped_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: conditional-artifact-passing-}
            spec:
              entrypoint: artifact-example
              templates:
              - name: artifact-example
                steps:
                - - name: generate-artifact
                    template: whalesay
                    when: "false"
                - - name: consume-artifact
                    template: print-message
                    when: "false"
                    arguments:
                      artifacts:
                      - name: message
                        from: "{{steps.generate-artifact.outputs.artifacts.hello-art}}"
            """ + Templates);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal(NodePhase.Skipped, view.Node("generate-artifact").Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("consume-artifact").Phase);
    }

    // Ports dag_test.go TestArtifactResolutionWhenSkippedDAG: the same in a DAG, with a skipped withSequence task too.
    [Fact]
    public async Task Dag_ArtifactResolutionWhenSkipped_Succeeds()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: conditional-artifact-passing-dag-}
            spec:
              entrypoint: artifact-example
              templates:
              - name: artifact-example
                dag:
                  tasks:
                  - name: generate-artifact
                    template: whalesay
                    when: "false"
                  - name: consume-artifact
                    dependencies: [generate-artifact]
                    template: print-message
                    when: "false"
                    arguments:
                      artifacts:
                      - name: message
                        from: "{{tasks.generate-artifact.outputs.artifacts.hello-art}}"
                  - name: sequence-param
                    template: print-message
                    dependencies: [generate-artifact]
                    when: "false"
                    arguments:
                      artifacts:
                      - name: message
                        from: "{{tasks.generate-artifact.outputs.artifacts.hello-art}}"
                    withSequence:
                      count: "5"
            """ + Templates);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Equal(NodePhase.Skipped, view.Node("generate-artifact").Phase);
        Assert.Equal(NodePhase.Skipped, view.Node("consume-artifact").Phase);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(NodePhase.Skipped, view.Node($"sequence-param({i}:{i})").Phase));
    }

    // Ports steps_test.go TestOptionalArgumentAndParameter: an optional argument `from` a skipped step's output
    // artifact; the consumer runs (upstream: the workflow is still Running, not Error) without it.
    [Fact]
    public async Task Steps_OptionalArgumentFromASkippedStep_ConsumerRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: optional-input-artifact-}
            spec:
              entrypoint: plan
              templates:
              - name: plan
                steps:
                - - name: create-artifact
                    template: artifact-creation
                    when: "false"
                - - name: print-artifact
                    template: artifact-printing
                    arguments:
                      artifacts:
                      - {from: '{{steps.create-artifact.outputs.artifacts.hello}}', name: artifact, optional: true}
              - name: artifact-creation
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo 'hello' > /tmp/hello.txt"]}
                outputs:
                  artifacts:
                  - {name: hello, path: /tmp/hello.txt}
              - name: artifact-printing
                container: {image: alpine:3.23, command: [sh, -c], args: ["echo 'goodbye'; test -e /tmp/file || echo absent"]}
                inputs:
                  artifacts:
                  - {name: artifact, optional: true, path: /tmp/file}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var create = view.Node("create-artifact");
        Assert.Equal((NodePhase.Skipped, "when 'false' evaluated false"), (create.Phase, create.Message));
        Assert.Equal(NodePhase.Succeeded, view.Node("print-artifact").Phase);
        Assert.Contains("absent", await _engine.LogOfAsync(view.Metadata.Name!, "print-artifact"), StringComparison.Ordinal);
    }

    // Ports steps_test.go TestOptionalArgumentUseSubPathInLoop: the producer wrote nothing for its optional output;
    // an optional argument with a subPath into it, in a withParam loop, lets each iteration run without it. Upstream's
    // fixture spells the field `subpath`, which Go's JSON decoding matches to `subPath` ignoring case; the port spells
    // it as documented.
    [Fact]
    public async Task Steps_OptionalArgumentWithSubPathInLoop_IterationsRun()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: artifact-passing-subpath-}
            spec:
              entrypoint: artifact-example
              templates:
              - name: artifact-example
                steps:
                - - name: hello-world-to-file
                    template: hello-world-to-file
                - - name: hello-world-to-file2
                    template: hello-world-to-file2
                    arguments:
                      artifacts:
                      - name: bar
                        from: "{{steps.hello-world-to-file.outputs.artifacts.foo}}"
                        optional: true
                        subPath: bar.txt
                    withParam: "[0, 1]"
              - name: hello-world-to-file
                container: {image: busybox:latest, command: [sh, -c], args: ["echo hello world"]}
                outputs:
                  artifacts:
                  - {name: foo, path: /tmp/foo, optional: true, archive: {none: {}}}
              - name: hello-world-to-file2
                inputs:
                  artifacts:
                  - {name: bar, path: /tmp/bar.txt, optional: true, archive: {none: {}}}
                container: {image: busybox:latest, command: [sh, -c], args: ["echo hello world"]}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        Assert.Null(view.Node("hello-world-to-file").Outputs?.Artifacts);
        Assert.Equal(NodePhase.Succeeded, view.Node("hello-world-to-file2(0:0)").Phase);
        Assert.Equal(NodePhase.Succeeded, view.Node("hello-world-to-file2(1:1)").Phase);
    }

    // TestOptionalArgumentUseSubPathInLoop's own spelling, `subpath`: refused with the right one named (Kubernetes'
    // schema is case-sensitive too; only Go's JSON decoding in upstream's unit test matches it ignoring case).
    [Fact]
    public void Steps_SubpathSpelledInLowerCase_IsRefusedWithTheRightSpelling()
    {
        var result = WorkflowLoader.Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: artifact-passing-subpath-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: use
                    template: use
                    arguments:
                      artifacts:
                      - {name: bar, from: "{{workflow.outputs.artifacts.foo}}", optional: true, subpath: bar.txt}
              - name: use
                inputs: {artifacts: [{name: bar, path: /tmp/bar.txt, optional: true}]}
                container: {image: busybox:latest, command: [sh, -c], args: ["echo hello world"]}
            """, "subpath.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("unknown field 'subpath'; did you mean 'subPath'?", error.Message);
    }

    // Ports dag_test.go TestDagOptionalInputArtifacts: task B depends on a skipped DAG task and takes its output
    // artifact as an optional argument; B runs (upstream: Pending) without it.
    [Fact]
    public async Task Dag_OptionalInputArtifactFromASkippedTask_TaskRuns()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-optional-inputartifacts-}
            spec:
              entrypoint: test
              templates:
              - name: condition
                outputs:
                  artifacts:
                  - {name: A-out, from: '{{tasks.A.outputs.artifacts.A-out}}'}
                dag:
                  tasks:
                  - {name: A, template: A}
              - name: A
                container:
                  args: ['mkdir -p /tmp/outputs/A && echo "exist" > /tmp/outputs/A/data']
                  command: [sh, -c]
                  image: alpine:3.23
                outputs:
                  artifacts:
                  - {name: A-out, path: /tmp/outputs/A/data}
              - name: B
                container:
                  args: ['[ -f /tmp/outputs/condition/data ] && cat /tmp/outputs/condition/data || echo not exist']
                  command: [sh, -c]
                  image: alpine:3.23
                inputs:
                  artifacts:
                  - {name: B-in, optional: true,  path: /tmp/outputs/condition/data}
              - name: test
                dag:
                  tasks:
                  - name: condition
                    template: condition
                    when: 'false'
                  - name: B
                    template: B
                    dependencies: [condition]
                    arguments:
                      artifacts:
                      - {name: B-in, optional: true, from: '{{tasks.condition.outputs.artifacts.A-out}}'}
            """);

        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var condition = view.Node("condition");
        Assert.Equal((NodePhase.Skipped, NodeType.Skipped), (condition.Phase, condition.Type));
        Assert.Equal(NodePhase.Succeeded, view.Node("B").Phase);
        Assert.Contains("not exist", await _engine.LogOfAsync(view.Metadata.Name!, "B"), StringComparison.Ordinal);
    }

    // Ports exit_handler_test.go TestStepsOnExitTmplWithArt: a step's exit hook takes the step's output artifact;
    // the hook's node is made (upstream's assertion) and, here, reads the artifact.
    [Fact]
    public async Task Steps_ExitHookWithTheStepsArtifact_Runs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-on-exit-art-}
            spec:
              entrypoint: suspend
              templates:
              - name: suspend
                steps:
                - - name: leafA
                    hooks:
                      exit:
                        template: exitContainer
                        arguments:
                          artifacts:
                          - name: input
                            from: '{{steps.leafA.outputs.artifacts.result}}'
                    template: whalesay
            """ + ExitTemplates);

        await AssertExitHookReadTheArtifactAsync(view);
    }

    // Ports exit_handler_test.go TestDAGOnExitTmplWithArt: the same for a DAG task.
    [Fact]
    public async Task Dag_ExitHookWithTheTasksArtifact_Runs()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: dag-on-exit-art-}
            spec:
              entrypoint: main
              templates:
              - name: main
                dag:
                  tasks:
                  - name: leafA
                    hooks:
                      exit:
                        template: exitContainer
                        arguments:
                          artifacts:
                          - name: input
                            from: '{{tasks.leafA.outputs.artifacts.result}}'
                    template: whalesay
            """ + ExitTemplates);

        await AssertExitHookReadTheArtifactAsync(view);
    }

    private const string Templates = """

              - name: whalesay
                container:
                  image: docker/whalesay:latest
                  command: [sh, -c]
                  args: ["cowsay hello world | tee /tmp/hello_world.txt"]
                outputs:
                  artifacts:
                  - name: hello-art
                    path: /tmp/hello_world.txt
              - name: print-message
                inputs:
                  artifacts:
                  - name: message
                    path: /tmp/message
                container:
                  image: alpine:3.23
                  command: [sh, -c]
                  args: ["cat /tmp/message"]
            """;

    private const string ExitTemplates = """

              - name: whalesay
                container:
                  image: docker/whalesay
                  command: [sh, -c]
                  args: ["cowsay hello world | tee /tmp/hello_world.txt"]
                outputs:
                  artifacts:
                  - name: result
                    path: /tmp/hello_world.txt
              - name: exitContainer
                inputs:
                  artifacts:
                  - name: input
                    path: /my-artifact
                container:
                  image: docker/whalesay
                  command: [sh, -c]
                  args: ["cat /my-artifact; cowsay goodbye world"]
            """;

    private async Task AssertExitHookReadTheArtifactAsync(WorkflowView view)
    {
        Assert.True(view.Status.Phase == WorkflowPhase.Succeeded, Messages(view));
        var onExit = view.Node("leafA.onExit");
        Assert.Equal(NodePhase.Succeeded, onExit.Phase);
        var log = await _engine.LogOfAsync(view.Metadata.Name!, onExit.DisplayName);
        Assert.Contains("hello world", log, StringComparison.Ordinal);
        Assert.Contains("goodbye world", log, StringComparison.Ordinal);
    }

    private static string Messages(WorkflowView view) =>
        $"{view.Status.Phase}: " + string.Join("; ", view.Status.Nodes.Values.Select(n => $"{n.Name} {n.Phase} {n.Message}"));
}
