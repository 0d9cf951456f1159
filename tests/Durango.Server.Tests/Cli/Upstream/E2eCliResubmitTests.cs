using Durango.Engine.Model;
using Durango.Server.Tests.Api;
using Durango.Testing;

namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// Port of test/e2e/cli_test.go (CLISuite)'s TestWorkflowResubmitDAGWithDependencies, against a <c>durango serve</c> of
/// this class's own: <c>resubmit --memoized</c> of a failed DAG carries the succeeded task over and runs the rest again.
/// </summary>
public sealed class E2eCliResubmitTests(ServeFixture serve) : E2eCliTest, IClassFixture<ServeFixture>
{
    private protected override ServeFixture? Serve => serve;

    // Ports TestWorkflowResubmitDAGWithDependencies (testdata/resubmit-dag-with-dependencies.yaml): A is carried over
    // (Skipped, "original pod"), B fails again, C and D are omitted; 5 nodes.
    [Fact]
    public async Task ResubmitMemoized_DagWithDependencies_CarriesTheSucceededTask()
    {
        var name = await SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: resubmit-dag-with-dependencies-
              labels: {workflow: resubmit-dag-with-dependencies}
            spec:
              entrypoint: rand-fail-dag
              templates:
                - name: rand-fail-dag
                  dag:
                    tasks:
                      - {name: A, template: success}
                      - {name: B, template: fail, depends: A}
                      - {name: C, depends: "B", template: success}
                      - {name: D, depends: "C", template: success}
                - name: fail
                  container: {image: argoproj/argosay:v2, args: [exit, "1"]}
                - name: success
                  container: {image: argoproj/argosay:v2, args: [exit, "0"]}
            """);
        Assert.Equal(WorkflowPhase.Failed, (await serve.WaitAsync(name)).Status.Phase);

        var run = await serve.DurangoAsync("resubmit", "--memoized", "@latest");
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var field in new[] { "Name:", "Namespace:", "ServiceAccount:", "Status:", "Created:" })
        {
            Assert.Contains(field, run.Stdout, StringComparison.Ordinal);
        }

        var get = await serve.DurangoAsync("get", "@latest", "-o", "yaml");
        Assert.True(get.ExitCode == 0, get.Stderr);
        var resubmitted = E2eCliFiles.NameIn(run.Stdout);
        Assert.Contains($"name: {resubmitted}", get.Stdout, StringComparison.Ordinal);

        var view = await serve.WaitAsync(resubmitted);
        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.Equal(5, view.Status.Nodes.Count);
        var a = view.Node("A");
        Assert.Equal(NodeType.Skipped, a.Type);
        Assert.Contains("original pod", a.Message, StringComparison.Ordinal);
        var b = view.Node("B");
        Assert.Equal(NodePhase.Failed, b.Phase);
        Assert.Contains("exit code 1", b.Message, StringComparison.Ordinal);
        foreach (var omitted in new[] { "C", "D" })
        {
            Assert.Equal(NodeType.Skipped, view.Node(omitted).Type);
            Assert.Contains("omitted: depends condition not met", view.Node(omitted).Message, StringComparison.Ordinal);
        }
    }
}
