using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// <c>containerSet</c> on the process runtime, against upstream's examples (examples/container-set-template/) and the
/// emissary's rules (cmd/argoexec/commands/emissary.go): containers in dependency order, a shared workspace, the
/// result and outputs of <c>main</c>, per-container retries, and a <c>Container</c> node per container under the pod
/// (workflow/controller/container_set_template.go).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerSetTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task GraphExample_RunsEveryContainerInDependencyOrder_AsContainerNodesUnderThePod()
    {
        var yaml = File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "container-set-template", "graph-workflow.yaml"))
            .Replace("image: argoproj/argosay:v2", "image: argoproj/argosay:v2\n            command: [sh, -c, 'date +%s%N']", StringComparison.Ordinal);
        var view = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var pod = view.Node(view.Metadata.Name);
        Assert.Equal(NodeType.Pod, pod.Type);
        var containers = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Container).ToDictionary(n => n.DisplayName);
        Assert.Equal(["a", "b", "c", "d"], containers.Keys.Order());
        Assert.All(containers.Values, c => Assert.Equal(pod.Id, c.BoundaryId));
        Assert.All(containers.Values, c => Assert.Equal(NodePhase.Succeeded, c.Phase));
        Assert.Equal($"{pod.Name}.a", containers["a"].Name);

        // Upstream's edges: the pod to the containers without dependencies, each dependency to its dependents.
        Assert.Equal([containers["a"].Id], pod.Children);
        Assert.Equal(new[] { containers["b"].Id, containers["c"].Id }.Order(), containers["a"].Children.Order());
        Assert.Equal([containers["d"].Id], containers["b"].Children);
        Assert.True(containers["a"].FinishedAt <= containers["b"].StartedAt);
        Assert.True(containers["c"].FinishedAt <= containers["d"].StartedAt);
    }

    [Fact]
    public async Task OutputsResultExample_ResultIsMainsStdout()
    {
        var yaml = File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "container-set-template", "outputs-result-workflow.yaml"));
        var view = await _engine.RunAsync(yaml);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hi", view.Node("a").Outputs?.Result);
    }

    [Fact]
    public async Task SharedWorkspace_OneContainerWritesAnotherReads_OutputParameterFromMain()
    {
        // upstream's workspace-workflow.yaml, without its output artifact.
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workspace-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  volumes:
                    - {name: workspace, emptyDir: {}}
                  containerSet:
                    volumeMounts:
                      - {mountPath: /workspace, name: workspace}
                    containers:
                      - name: a
                        image: argoproj/argosay:v2
                        args: [echo, hi, /workspace/out]
                      - name: main
                        image: alpine
                        command: [sh, -c, "cat /workspace/out; echo more >> /workspace/out"]
                        dependencies: [a]
                  outputs:
                    parameters:
                      - name: out
                        valueFrom: {path: /workspace/out}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var pod = view.Node(view.Metadata.Name);
        Assert.Equal("hi", pod.Outputs?.Result);
        Assert.Equal("hi\nmore", pod.Outputs?.Parameter("out"));
    }

    [Fact]
    public async Task FailingDependency_DependentNeverRuns_PodFails_WithUpstreamsMessages()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cs-fail-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  containerSet:
                    containers:
                      - {name: a, image: alpine, command: [sh, -c, "exit 3"]}
                      - {name: main, image: alpine, command: [echo, never], dependencies: [a]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal("Error (exit code 3)", view.Node("a").Message);
        Assert.Equal(NodePhase.Failed, view.Node("main").Phase);
        Assert.Equal("dependency \"a\" exited with non-zero code: 3", view.Node("main").Message);
        Assert.Null(view.Node("main").StartedAt);
        Assert.Equal("Error (exit code 3)", view.Node(view.Metadata.Name).Message);
    }

    [Fact]
    public async Task RetryStrategy_RunsAFailingCommandUpToRetriesTimes()
    {
        var counter = Path.Combine("/var/tmp", "durango-cs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var view = await _engine.RunAsync($$"""
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: cs-retry-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      containerSet:
                        retryStrategy: {retries: "3"}
                        containers:
                          - name: main
                            image: alpine
                            command: [sh, -c, "echo x >> {{counter}}; [ $(wc -l < {{counter}}) -ge 3 ] && echo third"]
                """);

            Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
            Assert.Equal(3, File.ReadAllLines(counter).Length);
            Assert.EndsWith("third", view.Node(view.Metadata.Name).Outputs?.Result, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(counter);
        }
    }
}
