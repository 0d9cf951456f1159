using System.Text.Json;
using Durango.Api.Workflows;
using Durango.Server.Cli;

namespace Durango.Server.Tests.Cli;

/// <summary>
/// <c>durango run --output json</c> writes the workflow as it is serialized (<see cref="JsonOutput.WriteAsync"/>), not
/// as one string: the text must be what one string would have been, and a character whose bytes come in two writes is
/// written whole.
/// </summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task WriteAsync_LargeDocumentOfMultiByteText_WritesWhatOneStringWould()
    {
        // Many of the serializer's flushes (about 16 KB each), with 2-, 3- and 4-byte characters throughout.
        var value = Enumerable.Range(0, 10_000).ToDictionary(i => $"node-{i}", i => new string('x', i % 7) + "é€😀 ünïcödé " + i);
        using var writer = new StringWriter();

        await JsonOutput.WriteAsync(writer, value, WorkflowJson.Indented);

        Assert.True(writer.ToString().Length > 300_000);
        Assert.Equal(JsonSerializer.Serialize(value, WorkflowJson.Indented) + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public async Task TextStream_CharacterSplitAcrossWrites_IsWrittenWhole()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("a😀é€b");
        using var writer = new StringWriter();
        await using (var stream = new JsonOutput.TextStream(writer))
        {
            // One byte at a time: every multi-byte character arrives in pieces.
            foreach (var b in bytes)
            {
                await stream.WriteAsync(new[] { b });
            }
        }

        Assert.Equal("a😀é€b", writer.ToString());
    }

    [Fact]
    public async Task WriteAsync_SmallDocument_WritesItAndANewLine()
    {
        using var writer = new StringWriter();

        await JsonOutput.WriteAsync(writer, new { phase = "Succeeded" }, JsonOutput.Options);

        Assert.Equal(JsonSerializer.Serialize(new { phase = "Succeeded" }, JsonOutput.Options) + Environment.NewLine, writer.ToString());
    }
}
