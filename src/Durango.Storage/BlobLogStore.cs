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
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var start = 0; start < bytes.Length; start += AppendJournals.MaxAppendBytes)
        {
            var length = Math.Min(AppendJournals.MaxAppendBytes, bytes.Length - start);
            await _journals.AppendAsync(BlobNames.Log(workflow, nodeId), bytes.AsMemory(start, length), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, CancellationToken cancellationToken = default)
    {
        var read = await _journals.ReadAsync(BlobNames.Log(workflow, nodeId), offset, cancellationToken).ConfigureAwait(false);

        // Appends are whole UTF-8 texts, but a read that ends inside one must not split a character: stop before it.
        var complete = CompleteUtf8Length(read.Data);
        return new LogChunk(Encoding.UTF8.GetString(read.Data, 0, complete), offset + complete);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) =>
        _container.DeletePrefixAsync(BlobNames.WorkflowPrefix(workflow), cancellationToken);

    private static int CompleteUtf8Length(byte[] data)
    {
        var end = data.Length;
        var back = 0;
        while (back < 4 && end - back - 1 >= 0 && (data[end - back - 1] & 0xC0) == 0x80)
        {
            back++;
        }

        if (end - back - 1 < 0)
        {
            return end;
        }

        var lead = data[end - back - 1];
        var needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        return needed > back ? end - back - 1 : end;
    }
}
