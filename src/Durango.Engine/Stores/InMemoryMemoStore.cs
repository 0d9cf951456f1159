using System.Collections.Concurrent;

namespace Durango.Engine.Stores;

/// <summary>Memoization caches in process memory, for the in-memory backend: they end with the host, as its workflows do.</summary>
public sealed class InMemoryMemoStore : IMemoStore
{
    private readonly ConcurrentDictionary<(string Namespace, string Cache, string Key), MemoEntry> _entries = new();

    /// <inheritdoc/>
    public Task<MemoEntry?> LoadAsync(string @namespace, string cache, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.GetValueOrDefault((@namespace, cache, key)));

    /// <inheritdoc/>
    public Task SaveAsync(string @namespace, string cache, string key, MemoEntry entry, CancellationToken cancellationToken = default)
    {
        _entries[(@namespace, cache, key)] = entry;
        return Task.CompletedTask;
    }
}
