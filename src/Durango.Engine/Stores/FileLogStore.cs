using System.Collections.Concurrent;
using System.Text;

namespace Durango.Engine.Stores;

/// <summary>Node logs as files, <c>{root}/{workflow}/{nodeId}.log</c>: the development store of the embedded host.</summary>
public sealed class FileLogStore : ILogStore
{
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);
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
            await File.AppendAllTextAsync(path, text, NoBom, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, int maxBytes = LogChunk.DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var path = PathOf(workflow, nodeId);
        if (!File.Exists(path))
        {
            return new LogChunk(string.Empty, offset, 0);
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        var length = file.Length;
        var from = Math.Clamp(offset, 0, length);
        var buffer = new byte[(int)Math.Min(maxBytes, length - from)];
        file.Seek(from, SeekOrigin.Begin);
        var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var skip = Utf8Boundary.PartialStart(buffer.AsSpan(0, read));
        var whole = from + read < length ? Utf8Boundary.CompletePrefix(buffer.AsSpan(0, read)) : read;
        return new LogChunk(Encoding.UTF8.GetString(buffer, skip, Math.Max(0, whole - skip)), from + Math.Max(whole, skip), length);
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
