using Durango.Engine.Model;

namespace Durango.Engine.Stores;

/// <summary>
/// One cached node (Argo's memoization cache entry, <c>workflow/controller/cache/cache.go</c>): the node that made it,
/// its outputs, and when it was made and last used.
/// </summary>
/// <param name="NodeId">The node whose outputs these are.</param>
/// <param name="Outputs">Its outputs, with every value in full (no output-store tokens).</param>
/// <param name="CreationTimestamp">When it was saved; <c>maxAge</c> counts from here.</param>
/// <param name="LastHitTimestamp">When a node last took it.</param>
public sealed record MemoEntry(string NodeId, NodeOutputs Outputs, DateTimeOffset CreationTimestamp, DateTimeOffset LastHitTimestamp);

/// <summary>
/// Memoization caches by name (Argo's <c>cache.configMap.name</c>), per namespace: in process memory on the in-memory
/// backend, in Blob Storage on Azure Storage, so that entries outlive the host.
/// </summary>
public interface IMemoStore
{
    /// <summary>The entry under <paramref name="key"/> in cache <paramref name="cache"/>, or null.</summary>
    Task<MemoEntry?> LoadAsync(string @namespace, string cache, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="entry"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task SaveAsync(string @namespace, string cache, string key, MemoEntry entry, CancellationToken cancellationToken = default);
}
