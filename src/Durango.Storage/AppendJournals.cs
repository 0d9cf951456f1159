using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Durango.Storage;

/// <summary>What a read of a journal got: the bytes from the offset asked for, and the offset to read on from.</summary>
/// <param name="Data">The bytes.</param>
/// <param name="NextOffset">The offset after them.</param>
/// <param name="Generation">Changes when the journal was deleted and written anew; a reader's cached state is stale then.</param>
public sealed record JournalRead(byte[] Data, long NextOffset, string Generation)
{
    /// <summary>The journal's length in bytes when it was listed.</summary>
    public long Length { get; init; }

    /// <summary>The blob's ETag as read, where the journal is one blob: an append made only if it still holds (<see cref="AppendJournals.AppendIfUnchangedAsync"/>) follows exactly this read.</summary>
    public ETag? ETag { get; init; }
}

/// <summary>
/// An append-only byte journal in append blobs: <c>{name}</c>, then <c>{name}.1</c>, <c>{name}.2</c>, ... once a blob
/// reaches the service's block limit. Appends are atomic and need no coordination between writers (activities on
/// any number of hosts append to the same journal), and a reader can go on from where it stopped, which is what
/// streaming logs and a node tree that is read while it grows need.
/// </summary>
public sealed class AppendJournals
{
    /// <summary>The largest append the service takes in one block (4 MiB on every API version Azurite serves).</summary>
    public const int MaxAppendBytes = 4 * 1024 * 1024;

    private const string GenerationKey = "generation";

    /// <summary>The most blocks an append blob takes (the service's limit, and Azurite's).</summary>
    private const int MaxBlocksPerBlob = 50_000;
    private readonly StorageContainer _container;
    private readonly ConcurrentDictionary<string, int> _writeSegment = new(StringComparer.Ordinal);

    /// <summary>Journals in <paramref name="container"/>.</summary>
    public AppendJournals(StorageContainer container) => _container = container;

    /// <summary>Appends <paramref name="data"/> (at most <see cref="MaxAppendBytes"/>) to journal <paramref name="name"/>.</summary>
    public async Task AppendAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxAppendBytes);
        var segment = _writeSegment.GetOrAdd(name, 0);
        while (true)
        {
            var blob = _container.Client.GetAppendBlobClient(SegmentName(name, segment));
            try
            {
                await _container.RunAsync(async _ =>
                {
                    try
                    {
                        return await AppendOnceAsync(blob, data, null, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
                    {
                        // Each creation gets a new generation: readers that cached the journal see it was replaced.
                        var generation = new Dictionary<string, string> { [GenerationKey] = Guid.NewGuid().ToString("N") };
                        await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { Metadata = generation }, cancellationToken).ConfigureAwait(false);
                        return await AppendOnceAsync(blob, data, null, cancellationToken).ConfigureAwait(false);
                    }
                }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                segment++;
                _writeSegment[name] = segment;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="data"/> to the one blob of journal <paramref name="name"/> only if the blob is still as
    /// <paramref name="since"/> (an ETag a read or an earlier such append gave) says: then the data lands right after what
    /// that read saw, in the same generation, and the blob's new ETag comes back. Null when the blob changed (or is gone,
    /// or full), and nothing was appended.
    /// </summary>
    public async Task<ETag?> AppendIfUnchangedAsync(string name, ReadOnlyMemory<byte> data, ETag since, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, MaxAppendBytes);
        try
        {
            return await AppendOnceAsync(_container.Client.GetAppendBlobClient(name), data, since, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Everything in journal <paramref name="name"/> from <paramref name="offset"/> on; empty when there is nothing new.</summary>
    public async Task<JournalRead> ReadAsync(string name, long offset, int maxBytes = int.MaxValue, CancellationToken cancellationToken = default) =>
        await ReadOneBlobAsync(name, offset, maxBytes, cancellationToken).ConfigureAwait(false)
        ?? await ReadListedAsync(name, offset, maxBytes, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The read in one request, where the journal is one blob (every journal of fewer than 50,000 appends): a range from
    /// one byte before <paramref name="offset"/>, which is never empty when the journal is that long (so "nothing new"
    /// is an answer too, not an error), and whose response carries the blob's length, generation and block count.
    /// Null when the listing must decide: no such blob or container, a journal shorter than the offset (it was
    /// replaced), or a first blob that is full, so that more may follow. Before this, every read listed the journal
    /// first, which cost each step on Azure Storage one request more (issue 12).
    /// </summary>
    private async Task<JournalRead?> ReadOneBlobAsync(string name, long offset, int maxBytes, CancellationToken cancellationToken)
    {
        if (maxBytes <= 0 || offset < 0)
        {
            return null;
        }

        var from = Math.Max(0, offset - 1);
        var skip = (int)(offset - from);
        try
        {
            var range = new HttpRange(from, maxBytes == int.MaxValue ? null : maxBytes + (long)skip);
            var result = await _container.Client.GetAppendBlobClient(name)
                .DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancellationToken).ConfigureAwait(false);
            var details = result.Value.Details;
            await using var content = result.Value.Content;
            // A range from 0 to the end is no range: the whole blob comes, without a Content-Range.
            var total = TotalLength(details.ContentRange) ?? (from == 0 ? details.ContentLength : null);
            if (details.BlobCommittedBlockCount >= MaxBlocksPerBlob || total is null)
            {
                return null;
            }

            using var data = new MemoryStream();
            await content.CopyToAsync(data, cancellationToken).ConfigureAwait(false);
            var bytes = data.ToArray()[skip..];
            var generation = details.Metadata.TryGetValue(GenerationKey, out var written) ? written : name;
            return new JournalRead(bytes, offset + bytes.Length, generation) { Length = total.Value, ETag = details.ETag };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 416)
        {
            return null;
        }
    }

    /// <summary>The whole length in a <c>Content-Range</c> (<c>bytes 10-99/100</c>), or null.</summary>
    private static long? TotalLength(string? contentRange) =>
        contentRange?.LastIndexOf('/') is int slash and >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    /// <summary>The read by the journal's listing: every blob of it, and their lengths, then what is new in each.</summary>
    private async Task<JournalRead> ReadListedAsync(string name, long offset, int maxBytes, CancellationToken cancellationToken)
    {
        var segments = await SegmentsAsync(name, cancellationToken).ConfigureAwait(false);
        var generation = segments.Count == 0 ? string.Empty : segments[0].Generation;
        var total = segments.Sum(s => s.Length);
        using var data = new MemoryStream();
        long start = 0;
        foreach (var segment in segments)
        {
            var end = start + segment.Length;
            var room = maxBytes - data.Length;
            if (end > offset && room > 0)
            {
                var from = Math.Max(0, offset - start);
                var blob = _container.Client.GetAppendBlobClient(segment.Name);
                try
                {
                    // Read to the end the listing saw (or the room left): bytes appended since are read next time, from a known offset.
                    var range = new HttpRange(from, Math.Min(segment.Length - from, room));
                    var result = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = range }, cancellationToken).ConfigureAwait(false);
                    await using var content = result.Value.Content;
                    await content.CopyToAsync(data, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    break;
                }
            }

            start = end;
        }

        return new JournalRead(data.ToArray(), offset + data.Length, generation) { Length = total };
    }

    /// <summary>Deletes journal <paramref name="name"/>.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var segment in await SegmentsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await _container.Client.DeleteBlobIfExistsAsync(segment.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _writeSegment.TryRemove(name, out _);
    }

    /// <summary>Appends <paramref name="data"/> to <paramref name="blob"/> (only if its ETag is <paramref name="ifMatch"/>, when given); its new ETag.</summary>
    private static async Task<ETag> AppendOnceAsync(AppendBlobClient blob, ReadOnlyMemory<byte> data, ETag? ifMatch, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        var options = ifMatch is { } etag ? new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfMatch = etag } } : null;
        var appended = await blob.AppendBlockAsync(stream, options, cancellationToken).ConfigureAwait(false);
        return appended.Value.ETag;
    }

    private static string SegmentName(string name, int segment) =>
        segment == 0 ? name : $"{name}.{segment.ToString(CultureInfo.InvariantCulture)}";

    private async Task<List<(string Name, int Index, long Length, string Generation)>> SegmentsAsync(string name, CancellationToken cancellationToken) =>
        await _container.RunAsync(async client =>
        {
            var segments = new List<(string Name, int Index, long Length, string Generation)>();
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, name, cancellationToken).ConfigureAwait(false))
            {
                var index = blob.Name == name ? 0
                    : blob.Name.Length > name.Length + 1 && blob.Name[name.Length] == '.' && int.TryParse(blob.Name.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : -1;
                if (index >= 0)
                {
                    segments.Add((blob.Name, index, blob.Properties.ContentLength ?? 0, blob.Metadata.TryGetValue(GenerationKey, out var generation) ? generation! : blob.Name));
                }
            }

            return segments.OrderBy(s => s.Index).ToList();
        }, cancellationToken).ConfigureAwait(false);
}
