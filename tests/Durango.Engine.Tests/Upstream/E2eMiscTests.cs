using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of the small e2e suites: test/e2e/failed_main_test.go, invalid_command_test.go and progress_test.go.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eMiscTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports failed_main_test.go TestFailedMain: a main container that exits 1 fails the workflow.
    [Fact]
    public async Task FailedMain_WorkflowFails()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: failed-main-}
            spec:
              entrypoint: main
              templates:
              - name: main
                container: {image: argoproj/argosay:v2, args: [exit, "1"]}
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
    }

    // Ports invalid_command_test.go TestInvalidCommand (testdata/cannot-start-workflow.yaml): a command that does not
    // exist fails the workflow, and the workflow's message says the executable was not found.
    [Fact]
    public async Task InvalidCommand_WorkflowFails_MessageSaysExecutableNotFound()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: cannot-start-}
            spec:
              entrypoint: main
              templates:
              - name: main
                container:
                  image: argoproj/argosay:v2
                  command: [invalid]
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Contains("executable file not found", view.Status.Message, StringComparison.Ordinal);
    }

    // Ports progress_test.go TestDefaultProgress (testdata/basic-workflow.yaml): one pod, progress 1/1, the workflow's
    // and its entry node's (the pod itself).
    [Fact]
    public async Task DefaultProgress_OneOfOne()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: basic-}
            spec:
              entrypoint: main
              templates:
              - name: main
                container: {image: argoproj/argosay:v2, args: [echo, ":) Hello Argo!"]}
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("1/1", view.Status.Progress);
        Assert.Equal("1/1", view.Node(view.Metadata.Name).Progress);
    }
}
