using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

public class JsonPathQueryTests
{
    private const string Json = """{"items":[{"id":1,"tags":["a"]},{"id":2,"tags":["b"]}],"name":"n"}""";

    [Theory]
    [InlineData("$.name", "n")]
    [InlineData("$.items[1].id", "2")]
    [InlineData("$['items'][0]['tags'][0]", "a")]
    [InlineData("$.items[*].id", "[1,2]")]
    [InlineData("$.missing", "[]")]
    public void Select_ReturnsMatches(string path, string expected) =>
        Assert.Equal(expected, ValueFormatter.Format(JsonPathQuery.Select(Json, path)));

    [Fact]
    public void Select_UnclosedBracket_Throws() =>
        Assert.Throws<FormatException>(() => JsonPathQuery.Select(Json, "$.items[0"));
}
