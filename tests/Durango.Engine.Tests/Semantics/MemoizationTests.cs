using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// <see cref="Memoization"/> against upstream's rules: <c>cacheKeyRegex</c> and <c>Entry.Hit</c> /
/// <c>GetOutputsWithMaxAge</c> in workflow/controller/cache/cache.go, the key substituted with inputs in operator.go.
/// </summary>
public sealed class MemoizationTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MemoEntry Entry = new("memoized-hdckj", new NodeOutputs { ExitCode = "0" }, Created, Created);

    [Theory]
    [InlineData("cache-key", "cache-key")]
    [InlineData("{{inputs.parameters.x}}", "abc-1")]
    [InlineData("k-{{inputs.parameters.x}}-{{workflow.name}}", "k-abc-1-wf")]
    public void Key_SubstitutesInputsAndGlobals(string key, string expected)
    {
        var scope = new Dictionary<string, string> { ["inputs.parameters.x"] = "abc-1", ["workflow.name"] = "wf" };

        Assert.Equal(new MemoKey(expected, null), Memoization.Key(new Memoize(key, null, "c"), scope));
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("under_score")]
    [InlineData("")]
    public void Key_NotMatchingUpstreamsCacheKeyRegex_IsUpstreamsError(string value)
    {
        var scope = new Dictionary<string, string> { ["inputs.parameters.x"] = value };

        Assert.Equal(new MemoKey(null, $"invalid cache key: {value}"), Memoization.Key(new Memoize("{{inputs.parameters.x}}", null, "c"), scope));
    }

    [Fact]
    public void Key_WithUnresolvedTag_SaysWhich()
    {
        var key = Memoization.Key(new Memoize("{{inputs.parameters.nope}}", null, "c"), new Dictionary<string, string>());

        Assert.Equal("failed to resolve {{inputs.parameters.nope}} in memoize.key", key.Error);
    }

    [Fact]
    public void IsHit_NoEntryOrNoNodeId_IsAMiss()
    {
        Assert.False(Memoization.IsHit(null, null, Created));
        Assert.False(Memoization.IsHit(Entry with { NodeId = "" }, null, Created));
    }

    [Theory]
    [InlineData(null, 3600, true)]
    [InlineData("10s", 10, true)]
    [InlineData("10s", 11, false)]
    [InlineData("24h", 86399, true)]
    [InlineData("1h30m", 5401, false)]
    [InlineData("not-a-duration", 0, false)]
    public void IsHit_MaxAge_CountsFromCreation(string? maxAge, int secondsLater, bool hit) =>
        Assert.Equal(hit, Memoization.IsHit(Entry, maxAge, Created.AddSeconds(secondsLater)));
}
