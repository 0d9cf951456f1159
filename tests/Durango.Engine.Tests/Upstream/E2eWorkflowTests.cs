using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/workflow_test.go (WorkflowSuite) for what Durango runs: a template-level
/// <c>activeDeadlineSeconds</c> failing every pod of a fan-out, and the pod name of an inline template.
/// </summary>
[Collection(UpstreamSuiteCollection.Name)]
public sealed class E2eWorkflowTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    // Ports WorkflowSuite.TestWorkflowFailedWhenAllPodSetFailedFromPending: every pod of a four-item fan-out outlives
    // its template's activeDeadlineSeconds (2), so each Pod node fails with upstream's deadline message and the workflow
    // fails. Upstream's pods exceed it while still Pending (an image pull) and it checks the wait container's
    // PodInitializing state; Durango's steps have no pending pod, so here each one sleeps past the deadline.
    [Fact]
    public async Task WorkflowFailedWhenAllPodSetFailed_TemplateDeadline()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: active-deadline-fanout-template-level-}
            spec:
              entrypoint: entrypoint
              templates:
              - name: entrypoint
                steps:
                - - name: fanout
                    template: echo
                    arguments: {parameters: [{name: item, value: "{{item}}"}]}
                    withItems: [1, 2, 3, 4]
              - name: echo
                inputs: {parameters: [{name: item}]}
                container:
                  image: argoproj/argosay:v2
                  command: [sh, -c]
                  args: ["echo 'workflow number {{inputs.parameters.item}}'; sleep 20"]
                activeDeadlineSeconds: 2 # defined on template level, not workflow level !
            """);

        Assert.Equal(WorkflowPhase.Failed, view.Status.Phase);
        var pods = view.Status.Nodes.Values.Where(n => n.Type == NodeType.Pod).ToList();
        Assert.Equal(4, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Equal(NodePhase.Failed, p.Phase);
            Assert.Contains(ArgoMessages.PodDeadlineExceeded, p.Message, StringComparison.Ordinal);
        });
        foreach (var item in new[] { "fanout(0:1)", "fanout(1:2)", "fanout(2:3)", "fanout(3:4)" })
        {
            Assert.Contains(pods, p => p.Name.Contains(item, StringComparison.Ordinal));
        }
    }

    // Ports WorkflowSuite.TestWorkflowInlinePodName: an inline template's step succeeds and its pod name has no empty
    // template segment ("--"). Durango's pod name is the one its logs carry.
    [Fact]
    public async Task WorkflowInlinePodName_NoDoubleDash()
    {
        var view = await _engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: steps-inline-}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: a
                        inline:
                          container:
                            image: argoproj/argosay:v2
                            command: [cowsay]
                            args: ["foo"]
            """);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var node = view.Node("a");
        var lines = new List<LogLine>();
        await foreach (var line in _engine.Workflows.LogsAsync(view.Metadata.Name, node.Id, follow: false))
        {
            lines.Add(line);
        }

        var pod = Assert.Single(lines.Select(l => l.PodName).Distinct());
        Assert.StartsWith(view.Metadata.Name + "-", pod, StringComparison.Ordinal);
        Assert.DoesNotContain("--", pod, StringComparison.Ordinal);
    }
}
