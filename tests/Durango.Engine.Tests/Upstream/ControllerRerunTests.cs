using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Engine.Tests.Orchestration;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of workflow/controller/operator_test.go's tests of workflow suspend and resume, stop, retry and resubmit.
/// Upstream calls <c>util.SuspendWorkflow</c>, <c>FormulateRetryWorkflow</c> and <c>FormulateResubmitWorkflow</c> on a
/// fixture and operates it once; the ports call the same actions of Durango's <see cref="WorkflowService"/> (what
/// argo-server's routes call) on a workflow that ran.
/// </summary>
[Collection(EngineCollection.Name)]
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

    // Ports TestResubmitMemoization: resubmitting a Failed workflow makes a new workflow labelled with the old one's
    // name, whose failed node runs again (upstream: Pending with a pod). Upstream's `memoized` resubmit also carries
    // over the nodes that succeeded; here there are none, and Durango's resubmit always starts afresh (README).
    [Fact]
    public async Task ResubmitMemoization_NewWorkflowLabelledAndRunsTheFailedNode()
    {
        var failed = await _engine.RunAsync(FailsWithMessage);
        var old = failed.Metadata.Name;

        var outcome = await _engine.Workflows.ResubmitAsync(old, [], CancellationToken.None);
        var view = await _engine.WaitAsync(outcome!.Name!);

        Assert.NotEqual(old, view.Metadata.Name);
        Assert.Equal(old, view.Metadata.Labels[ArgoLabels.ResubmittedFrom]);
        var main = Assert.Single(view.Status.Nodes.Values, n => n.TemplateName == "main");
        Assert.NotNull(main.StartedAt);
        Assert.Equal("default", main.Outputs?.Result);
    }

    private static List<NodeStatus> Pods(WorkflowView view) => view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();

    private static string? Argument(WorkflowView view) => view.Spec?["arguments"]?["parameters"]?[0]?["value"]?.GetValue<string>();
}
