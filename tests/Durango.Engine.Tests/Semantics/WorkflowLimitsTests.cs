using System.Text.Json.Nodes;
using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class WorkflowLimitsTests
{
    private static readonly Dictionary<string, string> NoVariables = new();

    [Fact]
    public void Defaults_AreArgosDepthAndTheDocumentedCaps()
    {
        var limits = new WorkflowLimits();

        Assert.Equal(100, limits.MaxDepth);
        Assert.Equal(20_000, limits.MaxNodes);
        Assert.Equal(10_000, limits.MaxLoopItems);
    }

    [Fact]
    public void CheckDepth_OverTheLimit_SaysArgosMessageAndTheSetting()
    {
        var limits = new WorkflowLimits { MaxDepth = 3 };

        Assert.Null(limits.CheckDepth(3));
        var message = limits.CheckDepth(4);
        Assert.StartsWith("Maximum recursion depth exceeded", message, StringComparison.Ordinal);
        Assert.Contains("Durango:Limits:MaxDepth", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNodes_OverTheLimit_NamesTheSetting()
    {
        var limits = new WorkflowLimits { MaxNodes = 10 };

        Assert.Null(limits.CheckNodes(10));
        Assert.Equal("workflow has more than 10 nodes (Durango:Limits:MaxNodes)", limits.CheckNodes(11));
    }

    [Theory]
    [InlineData("1000000000000", null, null)]
    [InlineData(null, "0", "9223372036854775806")]
    [InlineData(null, "-9223372036854775807", "9223372036854775806")]
    public void WithSequence_Huge_RefusedBeforeAnyItemIsMade(string? count, string? start, string? end)
    {
        var step = new WorkflowStep { Name = "s", WithSequence = new Sequence(count, start, end, null) };

        var expansion = LoopItems.Expand(step, NoVariables, new WorkflowLimits());

        Assert.Empty(expansion.Items);
        Assert.True(expansion.OverLimit);
        Assert.Contains("more than 10000 (Durango:Limits:MaxLoopItems)", expansion.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSequence_AtTheLimit_Expands()
    {
        var step = new WorkflowStep { Name = "s", WithSequence = new Sequence("5", null, null, null) };

        var expansion = LoopItems.Expand(step, NoVariables, new WorkflowLimits { MaxLoopItems = 5 });

        Assert.Equal(5, expansion.Items.Count);
        Assert.False(expansion.OverLimit);
    }

    [Fact]
    public void WithParamAndWithItems_OverTheLimit_SayWhichLoop()
    {
        var limits = new WorkflowLimits { MaxLoopItems = 2 };
        var param = new WorkflowStep { Name = "s", WithParam = "[1, [2, 3], {\"a\": [4]}]" };
        var items = new WorkflowStep { Name = "s", WithItems = [JsonValue.Create(1), JsonValue.Create(2), JsonValue.Create(3)] };

        Assert.Equal("withParam has 3 items, more than 2 (Durango:Limits:MaxLoopItems)", LoopItems.Expand(param, NoVariables, limits).Error);
        Assert.Equal("withItems has 3 items, more than 2 (Durango:Limits:MaxLoopItems)", LoopItems.Expand(items, NoVariables, limits).Error);
        Assert.Equal(2, LoopItems.Expand(param with { WithParam = "[[1, 2, 3], 4]" }, NoVariables, limits).Items.Count);
    }
}
