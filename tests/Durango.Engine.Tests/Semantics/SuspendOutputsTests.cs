using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// The rules of a suspend node's supplied outputs (<see cref="SuspendOutputs"/>), in upstream's words: operator.go's
/// <c>addRawOutputFields</c>, util.go's <c>updateSuspendedNode</c> and <c>OverrideOutputParametersWithDefault</c>; and
/// the merge of two records of a waiting node that <c>set</c> gave values (<see cref="NodeStatusMerge"/>).
/// </summary>
public sealed class SuspendOutputsTests
{
    private static readonly Template Approve = new()
    {
        Name = "approve",
        Body = new SuspendBody(null),
        Inputs = new Inputs { Parameters = [new Parameter { Name = "fallback", Default = "from input" }] },
        Outputs = new Outputs
        {
            Parameters =
            [
                new Parameter { Name = "message", ValueFrom = new ValueFrom { Supplied = true } },
                new Parameter { Name = "fallback", ValueFrom = new ValueFrom { Supplied = true } },
                new Parameter { Name = "fixed", Value = "always" },
            ],
        },
    };

    [Fact]
    public void Awaited_ListsOnlySuppliedOutputs_WithTheDefaultAResumeGives()
    {
        var awaited = SuspendOutputs.Awaited(Approve)!.Parameters;

        Assert.Equal(["message", "fallback"], awaited.Select(p => p.Name));
        Assert.All(awaited, p => Assert.Null(p.Value));
        Assert.Equal([null, "from input"], awaited.Select(p => p.ValueFrom!.Default));
        Assert.Null(SuspendOutputs.Awaited(new Template { Name = "plain", Body = new SuspendBody(null) }));
    }

    [Fact]
    public void SetRefusal_AsUpdateSuspendedNode()
    {
        var waiting = Node(SuspendOutputs.Awaited(Approve));

        Assert.Null(SuspendOutputs.SetRefusal(waiting, Values(("message", "hi"))));
        Assert.Null(SuspendOutputs.SetRefusal(Node(null), Values()));
        Assert.Equal("cannot set output parameters because node is not expecting any raw parameters", SuspendOutputs.SetRefusal(Node(null), Values(("message", "hi"))));
        Assert.Equal("node is not expecting output parameter 'fixed'", SuspendOutputs.SetRefusal(waiting, Values(("fixed", "x"))));

        var set = waiting with { Outputs = SuspendOutputs.WithSet(waiting.Outputs, Values(("message", "hi"))) };
        Assert.Equal(
            "cannot set output parameter 'message' because it does not use valueFrom.raw or it was already set",
            SuspendOutputs.SetRefusal(set, Values(("message", "again"))));
        Assert.Equal(new Dictionary<string, string> { ["message"] = "hi" }, SuspendOutputs.Given(set.Outputs));
    }

    [Fact]
    public void ResumeRefusal_AnOutputWithNeitherValueNorDefault()
    {
        var waiting = Node(SuspendOutputs.Awaited(Approve));

        Assert.Equal("raw output parameter 'message' has not been set and does not have a default value", SuspendOutputs.ResumeRefusal(waiting));
        var set = waiting with { Outputs = SuspendOutputs.WithSet(waiting.Outputs, Values(("message", "hi"))) };
        Assert.Null(SuspendOutputs.ResumeRefusal(set));
        Assert.Equal([("message", "hi"), ("fallback", "from input"), ("fixed", "always")],
            SuspendOutputs.Resolve(Approve, SuspendOutputs.Given(set.Outputs)).Select(p => (p.Name, p.Value)));
    }

    [Fact]
    public void Merge_OfWaitingRecords_KeepsEveryGivenValueAndTheLaterMessage_InAnyOrder()
    {
        var begun = Node(SuspendOutputs.Awaited(Approve));
        var first = begun with { Outputs = SuspendOutputs.WithSet(begun.Outputs, Values(("message", "hi"))) };
        var second = first with { Outputs = SuspendOutputs.WithSet(first.Outputs, Values(("fallback", "given"))), Message = "note" };

        foreach (var order in new[] { new[] { begun, first, second }, [second, first, begun], [first, begun, second], [second, begun, first] })
        {
            var merged = order.Aggregate((NodeStatus?)null, NodeStatusMerge.Merge)!;
            Assert.Equal(new Dictionary<string, string> { ["message"] = "hi", ["fallback"] = "given" }, SuspendOutputs.Given(merged.Outputs));
            Assert.Equal("note", merged.Message);
        }

        var ended = second with { Phase = NodePhase.Succeeded, FinishedAt = second.StartedAt, Outputs = new NodeOutputs { Parameters = [new("message", "hi")] } };
        var final = NodeStatusMerge.Merge(NodeStatusMerge.Merge(ended, first), begun);
        Assert.Equal((NodePhase.Succeeded, "note"), (final.Phase, final.Message));
        Assert.Equal(ended.Outputs.Parameters, final.Outputs!.Parameters);
    }

    private static NodeStatus Node(NodeOutputs? outputs) => new()
    {
        Id = "wf-1",
        Name = "wf[0].approve",
        DisplayName = "approve",
        Type = NodeType.Suspend,
        Phase = NodePhase.Running,
        StartedAt = DateTimeOffset.UnixEpoch,
        Outputs = outputs,
    };

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
