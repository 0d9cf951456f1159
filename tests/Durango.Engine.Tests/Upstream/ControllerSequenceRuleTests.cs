using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Upstream;

/// <summary>Ports TestExpandWithSequence (workflow/controller/operator_test.go) against the pure <see cref="LoopItems"/>.</summary>
public sealed class ControllerSequenceRuleTests
{
    [Theory]
    [InlineData("10", null, null, null, 10, "0", "9")]
    [InlineData("10", "101", null, null, 10, "101", "110")]
    [InlineData(null, "50", "60", null, 11, "50", "60")]
    [InlineData(null, "60", "50", null, 11, "60", "50")]
    [InlineData(null, "8", "8", null, 1, "8", "8")]
    [InlineData("10", "1", null, "testuser%02X", 10, "testuser01", "testuser0A")]
    public void ExpandWithSequence_CountStartEndFormat(string? count, string? start, string? end, string? format, int length, string first, string last)
    {
        var items = Expand(new Sequence(count, start, end, format));

        Assert.Equal(length, items.Count);
        Assert.Equal(first, items[0]);
        Assert.Equal(last, items[^1]);
    }

    [Fact]
    public void ExpandWithSequence_CountZero_NoItems() => Assert.Empty(Expand(new Sequence("0", null, null, null)));

    private static List<string> Expand(Sequence sequence)
    {
        var expansion = LoopItems.Expand(new WorkflowStep { Name = "x", Template = "t", WithSequence = sequence }, new Dictionary<string, string>());
        Assert.Null(expansion.Error);
        return expansion.Items.Select(i => i.Variables["item"]).ToList();
    }
}
