using System.Text;
using Durango.Engine.Stores;

namespace Durango.Storage;

/// <summary>
/// Node logs in Blob Storage: one append journal per node, <c>{workflow}/{nodeId}.log</c>, appended while the node
/// runs (in batches, see <see cref="Engine.Executors.NodeLog"/>) and read on from a byte offset by <c>logs --follow</c>.
/// </summary>
public sealed class BlobLogStore : ILogStore
{
    private readonly StorageContainer _container;
    private readonly AppendJournals _journals;

    /// <summary>Logs in <paramref name="container"/>.</summary>
    public BlobLogStore(StorageContainer container)
    {
        _container = container;
        _journals = new AppendJournals(container);
    }

    /// <inheritdoc/>
    public async Task AppendAsync(string workflow, string nodeId, string text, CancellationToken cancellationToken = default)
    {
        // Each append is whole characters (at most 3 UTF-8 bytes per UTF-16 unit, pairs kept together), and a read
        // stops at an append's end: readers never see half a character.
        const int MaxChars = AppendJournals.MaxAppendBytes / 3;
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(MaxChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            await _journals.AppendAsync(BlobNames.Log(workflow, nodeId), Encoding.UTF8.GetBytes(text, start, length), cancellationToken).ConfigureAwait(false);
            start += length;
        }
    }

    /// <inheritdoc/>
    public async Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, int maxBytes = LogChunk.DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var read = await _journals.ReadAsync(BlobNames.Log(workflow, nodeId), offset, maxBytes, cancellationToken).ConfigureAwait(false);
        var skip = Utf8Boundary.PartialStart(read.Data);
        var whole = read.NextOffset < read.Length ? Utf8Boundary.CompletePrefix(read.Data) : read.Data.Length;
        return new LogChunk(Encoding.UTF8.GetString(read.Data, skip, Math.Max(0, whole - skip)), offset + Math.Max(whole, skip), read.Length);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) =>
        _container.DeletePrefixAsync(BlobNames.WorkflowPrefix(workflow), cancellationToken);
}
