using Durango.Core.Spec;

namespace Durango.Core.Tests.Spec;

public class ArgoDurationTests
{
    [Theory]
    [InlineData("30", 30)]
    [InlineData("2.5", 2.5)]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("500ms", 0.5)]
    public void TryParse_GoAndSeconds(string text, double seconds)
    {
        Assert.True(ArgoDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("1d")]
    public void TryParse_Invalid_IsFalse(string text) => Assert.False(ArgoDuration.TryParse(text, out _));
}
