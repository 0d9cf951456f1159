using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Durango.Testing;

namespace Durango.Storage.Tests;

/// <summary>Reads of a journal on Azurite: what they return, and how many requests they cost (each is a round trip per step on Azure).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppendJournalsTests(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    private AppendJournals Journals()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        var blobs = new BlobServiceClient(azurite.Server.ConnectionString, options);
        return new AppendJournals(new StorageContainer(blobs.GetBlobContainerClient("test-" + Guid.NewGuid().ToString("N"))));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ReadAsync_OneBlobJournal_NewDataAndNothingNew_EachOneRequest()
    {
        var journals = Journals();
        await journals.AppendAsync("wf/nodes.jsonl", Bytes("one\n"));
        await journals.AppendAsync("wf/nodes.jsonl", Bytes("two\n"));

        var before = _requests.Count;
        var first = await journals.ReadAsync("wf/nodes.jsonl", 0);
        Assert.Equal(1, _requests.Count - before);
        Assert.Equal("one\ntwo\n", Encoding.UTF8.GetString(first.Data));
        Assert.Equal(8, first.NextOffset);
        Assert.Equal(8, first.Length);

        await journals.AppendAsync("wf/nodes.jsonl", Bytes("three\n"));
        before = _requests.Count;
        var next = await journals.ReadAsync("wf/nodes.jsonl", first.NextOffset);
        var nothing = await journals.ReadAsync("wf/nodes.jsonl", next.NextOffset);
        Assert.Equal(2, _requests.Count - before);
        Assert.Equal("three\n", Encoding.UTF8.GetString(next.Data));
        Assert.Empty(nothing.Data);
        Assert.Equal(14, nothing.NextOffset);
        Assert.Equal(14, nothing.Length);
        Assert.Equal(first.Generation, nothing.Generation);
    }

    [Fact]
    public async Task ReadAsync_WithMaxBytes_ReadsThatMuchAndSaysHowLongTheJournalIs()
    {
        var journals = Journals();
        await journals.AppendAsync("log", Bytes("abcdefghij"));

        var part = await journals.ReadAsync("log", 2, maxBytes: 3);

        Assert.Equal("cde", Encoding.UTF8.GetString(part.Data));
        Assert.Equal(5, part.NextOffset);
        Assert.Equal(10, part.Length);
    }

    [Fact]
    public async Task ReadAsync_JournalDeletedAndWrittenAnewShorter_GivesTheNewGeneration()
    {
        var journals = Journals();
        await journals.AppendAsync("wf/nodes.jsonl", Bytes("a long first line\n"));
        var old = await journals.ReadAsync("wf/nodes.jsonl", 0);

        await journals.DeleteAsync("wf/nodes.jsonl");
        Assert.Empty((await journals.ReadAsync("wf/nodes.jsonl", old.NextOffset)).Data);
        await journals.AppendAsync("wf/nodes.jsonl", Bytes("new\n"));
        var shorter = await journals.ReadAsync("wf/nodes.jsonl", old.NextOffset);

        Assert.NotEqual(old.Generation, shorter.Generation);
        Assert.Equal(4, shorter.Length);
        Assert.Equal("new\n", Encoding.UTF8.GetString((await journals.ReadAsync("wf/nodes.jsonl", 0)).Data));
    }

    [Fact]
    public async Task ReadAsync_NoSuchJournal_IsEmpty()
    {
        var read = await Journals().ReadAsync("missing", 0);

        Assert.Empty(read.Data);
        Assert.Equal(0, read.NextOffset);
        Assert.Equal(string.Empty, read.Generation);
    }

    /// <summary>Counts the requests sent (every try).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
