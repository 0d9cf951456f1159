using Durango.Core.Validation.Rules;

namespace Durango.Core.Tests.Validation;

/// <summary>
/// A DAG task's ancestors, asked one name at a time (upstream's <c>validateDAG</c> in workflow/validate/validate.go
/// resolves <c>tasks.X</c> only against the tasks a task depends on, directly or through others).
/// </summary>
public sealed class AncestorSetTests
{
    // d depends on b and c, both on a; e stands alone; x and y depend on each other (a cycle, DagRules' finding).
    private static readonly Dictionary<string, IReadOnlyList<string>> Direct = new(StringComparer.Ordinal)
    {
        ["a"] = [],
        ["b"] = ["a"],
        ["c"] = ["a"],
        ["d"] = ["b", "c"],
        ["e"] = [],
        ["x"] = ["y"],
        ["y"] = ["x"],
    };

    [Theory]
    [InlineData("d", "b", true)]
    [InlineData("d", "a", true)]
    [InlineData("d", "e", false)]
    [InlineData("d", "d", false)]
    [InlineData("b", "c", false)]
    [InlineData("a", "a", false)]
    [InlineData("x", "y", true)]
    [InlineData("x", "x", true)]
    [InlineData("x", "a", false)]
    [InlineData("missing", "a", false)]
    public void Contains_IsTheTransitiveDependencies(string task, string name, bool expected) =>
        Assert.Equal(expected, new AncestorSet(Direct, task).Contains(name));

    [Fact]
    public void Enumerating_ListsEveryAncestorOnce()
    {
        var set = new AncestorSet(Direct, "d");

        Assert.Equal(["a", "b", "c"], set.Order(StringComparer.Ordinal));
        Assert.Equal(3, set.Count);
        Assert.True(set.SetEquals(["c", "b", "a"]));
        Assert.True(set.Contains("a"));
        Assert.False(set.Contains("e"));
    }
}
