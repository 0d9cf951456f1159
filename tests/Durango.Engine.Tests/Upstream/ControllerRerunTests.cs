using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's tests of workflow suspend and resume, stop, retry and resubmit.
/// Upstream calls <c>util.SuspendWorkflow</c>, <c>FormulateRetryWorkflow</c> and <c>FormulateResubmitWorkflow</c> on a
/// fixture and operates it once; the ports call the same actions of Durango's <see cref="WorkflowService"/> (what
/// argo-server's routes call) on a workflow that ran.
/// </summary>
[Collection(UpstreamControllerCollection.Name)]
public sealed class ControllerRerunTests(EngineFixture fixture)
{
    private const string FailsWithMessage = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: my-wf-}
        spec:
          arguments: {parameters: [{name: message, value: default}]}
          entrypoint: main
          templates:
          - name: main
            container: {image: busybox, command: [sh, -c], args: ["echo {{workflow.parameters.message}}; test {{workflow.parameters.message}} = modified"]}
        """;

    private readonly EngineHarness _engine = fixture.Engine;

    // Ports TestSuspendResume (upstream's stepsTemplateParallelismLimit fixture, sleeps shortened): nothing new starts
    // while the workflow is suspended; after resume it goes on, two at a time.
    [Fact]
    public async Task SuspendResume_NothingStartsWhileSuspended_ThenParallelismHolds()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-parallelism-limit-}
            spec:
              entrypoint: steps-parallelism-limit
              templates:
              - name: steps-parallelism-limit
                parallelism: 2
                steps:
                - - name: sleep
                    template: sleep
                    withItems: [this, workflow, should, take, at, least, 60, seconds, to, complete]
              - name: sleep
                container: {image: alpine:3.23, command: [sh, -c, sleep 0.3]}
            """);
        await _engine.WaitUntilAsync(name, v => v.Status.Nodes.Values.Any(n => n.Type == NodeType.Pod));
        await _engine.Workflows.SuspendAsync(name);
        var suspended = await _engine.WaitUntilAsync(name, v => v.Suspended && Pods(v).All(p => p.Phase.Fulfilled()));
        await Task.Delay(500);

        Assert.Equal(Pods(suspended).Count, Pods((await _engine.Workflows.GetAsync(name))!).Count);
        Assert.True(Pods(suspended).Count < 10);
        await _engine.Workflows.ResumeAsync(name);
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(10, Pods(view).Count);
        Assert.True(ControllerOperatorTests.MostAtOnce(view) <= 2);
    }

    // Ports TestFailSuspendedAndPendingNodesAfterShutdown (upstream's deadlineWf with `shutdown: Stop`): stopping a
    // workflow waiting on a suspend step fails it and every node.
    [Fact]
    public async Task FailSuspendedAndPendingNodesAfterShutdown_StopFailsEveryNode()
    {
        var name = await _engine.SubmitAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: approve, template: approve}
              - name: approve
                suspend: {}
              - name: whalesay
                container: {image: alpine:3.23, command: [sh, -c], args: [sleep 50]}
            """);
        await _engine.WaitUntilAsync(name, v => v.HasNode("approve"));

        await _engine.Workflows.StopAsync(name);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        Assert.All(view.Status.Nodes.Values, n => Assert.Equal(NodePhase.Failed, n.Phase));
    }

    // Ports TestResubmitParamsOverride: resubmit with message=modified; the new workflow's argument is the new value.
    [Fact]
    public async Task ResubmitParamsOverride_NewWorkflowTakesTheValue()
    {
        var failed = await _engine.RunAsync(FailsWithMessage);
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);

        var outcome = await _engine.Workflows.ResubmitAsync(failed.Metadata.Name, [KeyValuePair.Create("message", "modified")], CancellationToken.None);
        var view = await _engine.WaitAsync(outcome!.Name!);

        Assert.Equal("modified", Argument(view));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestRetryParamsOverride: retry with message=modified; the retried workflow's argument is the new value.
    [Fact]
    public async Task RetryParamsOverride_RetriedWorkflowTakesTheValue()
    {
        var failed = await _engine.RunAsync(FailsWithMessage);
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);

        var done = await _engine.Workflows.RetryAsync(failed.Metadata.Name, new RetryOptions(Parameters: [KeyValuePair.Create("message", "modified")]), CancellationToken.None);
        Assert.Equal(ControlOutcome.Done, done);
        var view = await _engine.WaitAsync(failed.Metadata.Name);

        Assert.Equal("modified", Argument(view));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestResubmitMemoization: a memoized resubmit of a Failed workflow makes a new workflow labelled with the old
    // one's name, whose failed node runs again (upstream: Pending with a pod).
    [Fact]
    public async Task ResubmitMemoization_NewWorkflowLabelledAndRunsTheFailedNode()
    {
        var failed = await _engine.RunAsync(FailsWithMessage);
        var old = failed.Metadata.Name;

        var outcome = await _engine.Workflows.ResubmitAsync(old, [], memoized: true, CancellationToken.None);
        var view = await _engine.WaitAsync(outcome!.Name!);

        Assert.NotEqual(old, view.Metadata.Name);
        Assert.Equal(old, view.Metadata.Labels[ArgoLabels.ResubmittedFrom]);
        var main = Assert.Single(view.Status.Nodes.Values, n => n.TemplateName == "main");
        Assert.NotNull(main.StartedAt);
        Assert.Equal("default", main.Outputs?.Result);
    }

    // workflow/util/util.go FormulateResubmitWorkflow with memoized: the pods that succeeded are carried over under the
    // new name, Skipped with "original pod: ID", and do not run again (their outputs still reach the steps after them);
    // the failed one runs again. Without memoized everything runs again.
    [Fact]
    public async Task ResubmitMemoized_SucceededPodCarriedOver_FailedRunsAgain()
    {
        // In /var/tmp: a step's /tmp is its own.
        var marker = Path.Combine("/var/tmp", $"durango-memoized-resubmit-{Guid.NewGuid():N}");
        var failed = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: resubmit-memoized-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - {name: first, template: count}
                - - {name: second, template: check, arguments: {parameters: [{name: seen, value: "{{steps.first.outputs.result}}"}]}}
              - name: count
                container: {image: busybox, command: [sh, -c], args: ["echo run >> {{marker}}; wc -l < {{marker}}"]}
              - name: check
                inputs: {parameters: [{name: seen}]}
                container: {image: busybox, command: [sh, -c], args: ["test -f {{marker}}.ok && echo {{inputs.parameters.seen}}"]}
            """.Replace("{{marker}}", marker, StringComparison.Ordinal));
        Assert.Equal(WorkflowPhase.Failed, failed.Status.Phase);
        var first = failed.Node("first");

        try
        {
            await File.WriteAllTextAsync(marker + ".ok", "ok");
            var outcome = await _engine.Workflows.ResubmitAsync(failed.Metadata.Name, [], memoized: true, CancellationToken.None);
            var view = await _engine.WaitAsync(outcome!.Name!);

            Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
            var carried = view.Node("first");
            Assert.Equal($"{view.Metadata.Name}[0].first", carried.Name);
            Assert.Equal(NodeType.Skipped, carried.Type);
            Assert.Equal(NodePhase.Skipped, carried.Phase);
            Assert.Equal($"original pod: {first.Id}", carried.Message);
            Assert.Single(File.ReadAllLines(marker));
            Assert.Equal("1", view.Node("second").Outputs?.Result?.Trim());

            var again = await _engine.Workflows.ResubmitAsync(view.Metadata.Name, [], memoized: true, CancellationToken.None);
            Assert.Equal(SubmitStatus.Invalid, again!.Status);
            Assert.Equal("workflow must be Failed/Error to resubmit in memoized mode", again.Message);
        }
        finally
        {
            File.Delete(marker);
            File.Delete(marker + ".ok");
        }
    }

    private static List<NodeView> Pods(WorkflowView view) => view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();

    private static string? Argument(WorkflowView view) => view.Spec?["arguments"]?["parameters"]?[0]?["value"]?.GetValue<string>();
}
