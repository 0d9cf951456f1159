using System.Collections.Concurrent;
using System.Text.Json;
using Durango.Engine.Model;
using Durango.Engine.Stores;

namespace Durango.Storage;

/// <summary>
/// Node trees in Blob Storage. Each write appends one line — a JSON array of node records — to the workflow's
/// journal, <c>{workflow}/nodes.jsonl</c>; the tree is the <see cref="NodeStatusMerge"/> of every record, which
/// does not depend on order, so concurrent writers on any host need no locks or ETags. A reader keeps the tree it
/// built and reads only what was appended since, so polling a 2,000-node workflow stays cheap.
/// </summary>
public sealed class BlobNodeStore : INodeStore
{
    private const int MaxCachedTrees = 256;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AppendJournals _journals;
    private readonly ConcurrentDictionary<string, CachedTree> _trees = new(StringComparer.Ordinal);

    /// <summary>Node trees in <paramref name="container"/>.</summary>
    public BlobNodeStore(StorageContainer container) => _journals = new AppendJournals(container);

    /// <inheritdoc/>
    public async Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default) =>
        await AppendAsync<bool>(workflow, nodes, view: null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// One request where this store's cached tree is the journal as it stands (this host wrote or read it last): the
    /// records are appended only if the blob's ETag is still the one the cache holds, so they land right after it, in
    /// the same generation, and the cache with them is the journal as of the append; no read is needed. Otherwise (the
    /// blob changed, or this host has other appends to it in flight) the records are appended and the journal read on,
    /// as <see cref="ReadNodesAsync"/> does. A step of a chain on one host thus costs two requests (its start and its
    /// end), not three.
    /// </remarks>
    public async Task<NodeLookup?> WriteThenReadNodesAsync(
        string workflow, IReadOnlyList<NodeStatus> nodes, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodes.Count > 0)
        {
            var (current, lookup) = await AppendAsync(workflow, nodes, tree => NodeLookup.Of(tree, nodeIds), cancellationToken).ConfigureAwait(false);
            if (current)
            {
                return lookup;
            }
        }

        return await ReadNodesAsync(workflow, nodeIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends <paramref name="nodes"/>; where the cached tree is current, only if it stays so, and the tree takes the
    /// records in. True, with <paramref name="view"/> of the tree after them, when it did for every line.
    /// </summary>
    private async Task<(bool Current, T? View)> AppendAsync<T>(
        string workflow, IReadOnlyList<NodeStatus> nodes, Func<Dictionary<string, NodeStatus>, T>? view, CancellationToken cancellationToken)
    {
        var name = BlobNames.Nodes(workflow);
        var (current, seen) = (true, default(T));
        foreach (var line in Lines(nodes))
        {
            var cached = _trees.GetValueOrDefault(workflow);
            var since = cached is null ? null : await cached.StartWriteAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var etag = since is { } known ? await _journals.AppendIfUnchangedAsync(name, line, known, cancellationToken).ConfigureAwait(false) : null;
                if (etag is { } after && cached is not null)
                {
                    var taken = await cached.TakeOwnAsync(since!.Value, after, line, view, cancellationToken).ConfigureAwait(false);
                    (current, seen) = (current && taken.Current, taken.View);
                    continue;
                }

                await _journals.AppendAsync(name, line, cancellationToken).ConfigureAwait(false);
                current = false;
                if (cached is not null)
                {
                    // The cache does not hold this append: the next read brings it in (and a new ETag).
                    await cached.ForgetETagAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                cached?.EndWrite();
            }
        }

        return (current, seen);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, NodeStatus>>(workflow, tree => new Dictionary<string, NodeStatus>(tree, StringComparer.Ordinal), cancellationToken);

    /// <inheritdoc/>
    public Task<NodeLookup?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default) =>
        ReadAsync(workflow, tree => NodeLookup.Of(tree, nodeIds), cancellationToken);

    /// <summary>Brings the cached tree of <paramref name="workflow"/> up to date and returns <paramref name="view"/> of it (without copying it all).</summary>
    private async Task<T> ReadAsync<T>(string workflow, Func<Dictionary<string, NodeStatus>, T> view, CancellationToken cancellationToken)
    {
        if (_trees.Count > MaxCachedTrees)
        {
            _trees.Clear();
        }

        var cached = _trees.GetOrAdd(workflow, _ => new CachedTree());
        await cached.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var read = await _journals.ReadAsync(BlobNames.Nodes(workflow), cached.Offset, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (read.Generation != cached.Generation)
            {
                // The journal was replaced or deleted since this tree was built: build it again from the start.
                var stale = cached.Offset > 0;
                cached.Reset(read.Generation);
                if (stale)
                {
                    read = await _journals.ReadAsync(BlobNames.Nodes(workflow), 0, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }

            var consumed = 0;
            var text = read.Data.AsSpan();
            while (text.IndexOf((byte)'\n') is var end and >= 0)
            {
                NodeStatusMerge.Apply(cached.Tree, JsonSerializer.Deserialize<List<NodeStatus>>(text[..end], Json) ?? []);
                consumed += end + 1;
                text = text[(end + 1)..];
            }

            // Appends are whole lines; a torn tail (never seen) is read again next time.
            cached.Offset += consumed;
            cached.ETag = consumed == read.Data.Length ? read.ETag : null;
            return view(cached.Tree);
        }
        finally
        {
            cached.Gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
    {
        await DeleteAsync(workflow, cancellationToken).ConfigureAwait(false);
        await WriteAsync(workflow, nodes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string workflow, CancellationToken cancellationToken = default)
    {
        await _journals.DeleteAsync(BlobNames.Nodes(workflow), cancellationToken).ConfigureAwait(false);
        _trees.TryRemove(workflow, out _);
    }

    /// <summary>The records as JSON-array lines, each small enough for one append.</summary>
    private static IEnumerable<byte[]> Lines(IReadOnlyList<NodeStatus> nodes)
    {
        var batch = new List<byte[]>();
        var size = 2;
        foreach (var node in nodes)
        {
            var record = JsonSerializer.SerializeToUtf8Bytes(node, Json);
            if (record.Length + 3 > AppendJournals.MaxAppendBytes)
            {
                throw new InvalidOperationException($"node {node.Name} has a record of {record.Length} bytes, more than one append takes; large values belong in the output store");
            }

            if (batch.Count > 0 && size + record.Length + 1 > AppendJournals.MaxAppendBytes)
            {
                yield return Line(batch);
                batch.Clear();
                size = 2;
            }

            batch.Add(record);
            size += record.Length + 1;
        }

        if (batch.Count > 0)
        {
            yield return Line(batch);
        }
    }

    private static byte[] Line(List<byte[]> records)
    {
        using var line = new MemoryStream();
        line.WriteByte((byte)'[');
        for (var i = 0; i < records.Count; i++)
        {
            if (i > 0)
            {
                line.WriteByte((byte)',');
            }

            line.Write(records[i]);
        }

        line.Write("]\n"u8);
        return line.ToArray();
    }

    private sealed class CachedTree
    {
        private int _writing;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Dictionary<string, NodeStatus> Tree { get; private set; } = new(StringComparer.Ordinal);

        public long Offset { get; set; }

        public string Generation { get; private set; } = string.Empty;

        /// <summary>The blob's ETag when <see cref="Tree"/> is all of it (up to <see cref="Offset"/>); null when not known.</summary>
        public Azure.ETag? ETag { get; set; }

        public void Reset(string generation)
        {
            Tree = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
            Offset = 0;
            Generation = generation;
            ETag = null;
        }

        /// <summary>
        /// Counts an append of this store in flight; the ETag to append under when the tree is current and no other
        /// append of this store is in flight (which would make the condition fail for nothing).
        /// </summary>
        public async Task<Azure.ETag?> StartWriteAsync(CancellationToken cancellationToken)
        {
            var alone = Interlocked.Increment(ref _writing) == 1;
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return alone ? ETag : null;
            }
            finally
            {
                Gate.Release();
            }
        }

        public void EndWrite() => Interlocked.Decrement(ref _writing);

        /// <summary>
        /// Takes in <paramref name="line"/>, appended while the blob's ETag was <paramref name="before"/>, when the tree is
        /// still at that ETag; true then, with <paramref name="view"/> of the tree.
        /// </summary>
        public async Task<(bool Current, T? View)> TakeOwnAsync<T>(
            Azure.ETag before, Azure.ETag after, byte[] line, Func<Dictionary<string, NodeStatus>, T>? view, CancellationToken cancellationToken)
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (ETag != before)
                {
                    // A read came between and may already hold the line: the next read settles it.
                    ETag = null;
                    return (false, default);
                }

                // The line as a reader would read it back.
                NodeStatusMerge.Apply(Tree, JsonSerializer.Deserialize<List<NodeStatus>>(line.AsSpan(0, line.Length - 1), Json) ?? []);
                Offset += line.Length;
                ETag = after;
                return (true, view is null ? default : view(Tree));
            }
            finally
            {
                Gate.Release();
            }
        }

        public async Task ForgetETagAsync(CancellationToken cancellationToken)
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            ETag = null;
            Gate.Release();
        }
    }
}
