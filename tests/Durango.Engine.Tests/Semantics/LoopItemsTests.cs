using System.Text.Json.Nodes;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class LoopItemsTests
{
    private static readonly Dictionary<string, string> NoVariables = new();

    [Fact]
    public void WithItems_Map_FlattensKeysAndLabelsSorted()
    {
        var step = new WorkflowStep { Name = "s", WithItems = [JsonNode.Parse("""{"b": 2, "a": "x"}""")] };
        var item = Assert.Single(LoopItems.Expand(step, NoVariables).Items);

        Assert.Equal("x", item.Variables["item.a"]);
        Assert.Equal("2", item.Variables["item.b"]);
        Assert.Equal("s(0:a:x,b:2)", item.NodeName("s"));
    }

    [Fact]
    public void WithParam_NotAList_SaysWhatItGot()
    {
        var step = new WorkflowStep { Name = "s", WithParam = "{{steps.a.outputs.result}}" };
        var expansion = LoopItems.Expand(step, new Dictionary<string, string> { ["steps.a.outputs.result"] = "oops" });

        Assert.Empty(expansion.Items);
        Assert.Contains("oops", expansion.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", null, null, null, "0,1,2")]
    [InlineData(null, "2", "4", null, "2,3,4")]
    [InlineData(null, "3", "1", "%02d", "03,02,01")]
    [InlineData("0", null, null, null, "")]
    public void WithSequence_CountOrRange_WithFormat(string? count, string? start, string? end, string? format, string expected)
    {
        var step = new WorkflowStep { Name = "s", WithSequence = new Sequence(count, start, end, format) };

        Assert.Equal(expected, string.Join(',', LoopItems.Expand(step, NoVariables).Items.Select(i => i.Variables["item"])));
    }

    [Theory]
    [InlineData(null, 7, "7")]
    [InlineData("%03d", 7, "007")]
    [InlineData("v%d-%x", 255, "v255-ff")]
    [InlineData("%3d", 5, "  5")]
    public void GoPrintf_FormatsLikeGo(string? format, long value, string expected) => Assert.Equal(expected, GoPrintf.Format(format, value));

    [Theory]
    [InlineData(NodePhase.Succeeded, NodePhase.Succeeded, NodePhase.Succeeded)]
    [InlineData(NodePhase.Succeeded, NodePhase.Failed, NodePhase.Failed)]
    [InlineData(NodePhase.Error, NodePhase.Succeeded, NodePhase.Failed)]
    [InlineData(NodePhase.Skipped, NodePhase.Succeeded, NodePhase.Succeeded)]
    public void Phase_AnyIterationFailedOrErrored_Failed(NodePhase first, NodePhase second, NodePhase expected) =>
        Assert.Equal(expected, LoopItems.Phase([first, second]));

    [Fact]
    public void Scope_AddsTheItemsVariablesToACopy()
    {
        var scope = new Dictionary<string, string> { ["item"] = "outer", ["x"] = "1" };
        var item = new LoopItem(0, new Dictionary<string, string> { ["item"] = "a" }, "a");

        var itemScope = item.Scope(scope);

        Assert.Equal("a", itemScope["item"]);
        Assert.Equal("1", itemScope["x"]);
        Assert.Equal("outer", scope["item"]);
    }
}
