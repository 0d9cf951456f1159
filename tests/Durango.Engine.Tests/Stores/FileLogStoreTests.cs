using System.Text;
using Durango.Engine.Stores;

namespace Durango.Engine.Tests.Stores;

/// <summary>Logs are read in ranges of whole characters: a huge log is never read whole.</summary>
public sealed class FileLogStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"durango-logs-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ReadAsync_LargeLogWithMultibyteCharacters_ComesInBoundedRangesThatJoinToTheWholeLog()
    {
        var store = new FileLogStore(_root);
        var line = string.Concat(Enumerable.Repeat("ünïcødé 🙂 ", 50)) + "\n";
        var written = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            written.Append(line);
        }

        await store.AppendAsync("wf", "node", written.ToString());
        var read = new StringBuilder();
        long offset = 0;
        var chunks = 0;
        LogChunk chunk;
        do
        {
            chunk = await store.ReadAsync("wf", "node", offset, maxBytes: 256 * 1024);
            Assert.True(Encoding.UTF8.GetByteCount(chunk.Text) <= 256 * 1024);
            read.Append(chunk.Text);
            offset = chunk.NextOffset;
            chunks++;
        }
        while (!chunk.AtEnd);

        Assert.True(chunks > 10, $"{chunks} chunks");
        Assert.Equal(written.ToString(), read.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(written.ToString()), chunk.Length);
    }

    [Fact]
    public async Task ReadAsync_FromTheMiddleOfACharacter_SkipsToTheNextWholeOne()
    {
        var store = new FileLogStore(_root);
        await store.AppendAsync("wf", "node", "é-rest");

        var chunk = await store.ReadAsync("wf", "node", offset: 1);

        Assert.Equal("-rest", chunk.Text);
        Assert.Equal(7, chunk.NextOffset);
    }
}
