using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class GoJsonTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("héllo ✓", "\"héllo ✓\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    public void Quote_MatchesGoStrconvQuote(string text, string expected) => Assert.Equal(expected, GoJson.Quote(text));

    [Fact]
    public void Marshal_EscapesHtmlCharactersLikeGo() =>
        Assert.Equal("""{"M":"a \u003cb\u003e \u0026 'c'"}""", GoJson.Marshal(new { M = "a <b> & 'c'" }));

    [Fact]
    public void WorkflowFailures_NoFailures_IsQuotedNull() => Assert.Equal("\"null\"", WorkflowFailures.Encode([]));

    [Fact]
    public void WorkflowFailures_OneFailure_IsQuotedJsonArrayInArgoFieldOrder()
    {
        var failure = new FailedNode("step", "Error (exit code 1)", "fail", "Failed", "wf-fail-1", "2026-01-01T00:00:00Z");

        const string Inner = """[{\"displayName\":\"step\",\"message\":\"Error (exit code 1)\",\"templateName\":\"fail\",\"phase\":\"Failed\",\"podName\":\"wf-fail-1\",\"finishedAt\":\"2026-01-01T00:00:00Z\"}]""";
        Assert.Equal('"' + Inner + '"', WorkflowFailures.Encode([failure]));
    }

    [Fact]
    public void Duration_IsSecondsWithSixDecimals() =>
        Assert.Equal("30.435347", Globals.Duration(TimeSpan.FromTicks(304353470)));
}
