using System.Collections.Concurrent;
using System.Text;

namespace Durango.Engine.Stores;

/// <summary>Node logs as files, <c>{root}/{workflow}/{nodeId}.log</c>: the development store of the embedded host.</summary>
public sealed class FileLogStore : ILogStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Creates a store under <paramref name="root"/>.</summary>
    public FileLogStore(string root) => _root = root;

    /// <inheritdoc/>
    public async Task AppendAsync(string workflow, string nodeId, string text, CancellationToken cancellationToken = default)
    {
        var path = PathOf(workflow, nodeId);
        var gate = _locks.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, text, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, CancellationToken cancellationToken = default)
    {
        var path = PathOf(workflow, nodeId);
        if (!File.Exists(path))
        {
            return new LogChunk(string.Empty, offset);
        }

        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var start = (int)Math.Clamp(offset, 0, text.Length);
        return new LogChunk(text[start..], text.Length);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(_root, StoreKeys.Safe(workflow));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string workflow, string nodeId) => Path.Combine(_root, StoreKeys.Safe(workflow), StoreKeys.Safe(nodeId) + ".log");
}
