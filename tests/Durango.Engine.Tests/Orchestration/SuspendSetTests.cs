using Durango.Api.Workflows;
using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// Argo's <c>set</c> and <c>resume</c> of suspend nodes through the workflow service, as upstream's
/// <c>updateSuspendedNode</c>, <c>ResumeWorkflow</c> and <c>OverrideOutputParametersWithDefault</c> (workflow/util/util.go)
/// and the sequence of cli_test.go's <c>TestArgoSetOutputs</c>: set records values on the waiting node, which waits on;
/// resume ends it; what upstream refuses is refused with its words.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SuspendSetTests(EngineFixture fixture)
{
    private readonly EngineHarness _engine = fixture.Engine;

    [Fact]
    public async Task SetOutputs_RecordedOnTheWaitingNode_ResumeEndsIt_RefusalsAsUpstream()
    {
        var name = await _engine.SubmitAsync(SuspendFixtures.SetOutputs);
        var waiting = await _engine.WaitUntilAsync(name, SuspendFixtures.BothWaiting);
        var awaited = Assert.Single(waiting.Node("approve").Outputs!.Parameters);
        Assert.Equal(("message", null), (awaited.Name, awaited.Value));
        Assert.NotNull(awaited.ValueFrom);

        var early = await Assert.ThrowsAsync<ControlRefusedException>(() => _engine.Workflows.ResumeAsync(name));
        Assert.Equal("raw output parameter 'message' has not been set and does not have a default value", early.Message);

        Assert.Equal(ControlOutcome.Done, await Set("displayName=approve", outputs: new() { ["message"] = "Hello, World!" }));
        var set = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal(NodePhase.Running, set.Node("approve").Phase);
        Assert.Equal(new ParameterValue("message", "Hello, World!"), set.Node("approve").Outputs!.Parameters.Single());
        Assert.False(set.HasNode("release"));

        var again = await Assert.ThrowsAsync<ControlRefusedException>(() => Set("displayName=approve", outputs: new() { ["message"] = "again" }));
        Assert.Equal("cannot set output parameter 'message' because it does not use valueFrom.raw or it was already set", again.Message);
        var none = await Assert.ThrowsAsync<ControlRefusedException>(() => Set("displayName=approve-no-vars", outputs: new() { ["message"] = "x" }));
        Assert.Equal("cannot set output parameters because node is not expecting any raw parameters", none.Message);
        var unknown = await Assert.ThrowsAsync<ControlRefusedException>(() => Set("displayName=nothing", message: "x"));
        Assert.Equal("currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: displayName=nothing", unknown.Message);

        Assert.Equal(ControlOutcome.Done, await Set("displayName=approve-no-vars", message: "Test message"));
        var messaged = (await _engine.Workflows.GetAsync(name))!;
        Assert.Equal((NodePhase.Running, "Test message"), (messaged.Node("approve-no-vars").Phase, messaged.Node("approve-no-vars").Message));

        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.ResumeAsync(name));
        var view = await _engine.WaitAsync(name);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("Hello, World!", view.Node("release").Inputs!.Parameters.Single().Value);
        Assert.Equal("Test message", view.Node("approve-no-vars").Message);

        // Upstream's ResumeWorkflow changes nothing on a workflow with nothing to resume, and answers it.
        Assert.Equal(ControlOutcome.Done, await _engine.Workflows.ResumeAsync(name));

        Task<ControlOutcome> Set(string selector, string? message = null, Dictionary<string, string>? outputs = null) =>
            _engine.Workflows.SetAsync(name, selector, null, message, outputs);
    }

    [Fact]
    public async Task SetWithPhase_EndsTheNodeWithIt_AndItsOutputs()
    {
        var name = await _engine.SubmitAsync(SuspendFixtures.SetOutputs);
        await _engine.WaitUntilAsync(name, SuspendFixtures.BothWaiting);

        await _engine.Workflows.SetAsync(name, "displayName=approve", NodePhase.Succeeded, "ok", new Dictionary<string, string> { ["message"] = "yes" });
        await _engine.Workflows.SetAsync(name, "displayName=approve-no-vars", NodePhase.Succeeded, null, null);
        var view = await _engine.WaitAsync(name);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal(("ok", "yes"), (view.Node("approve").Message, view.Node("approve").Outputs!.Parameters.Single().Value));
        Assert.Equal("yes", view.Node("release").Inputs!.Parameters.Single().Value);
    }
}
