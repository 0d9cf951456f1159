namespace Durango.Engine.Stores;

/// <summary>A piece of a node's log, the byte offset to read on from, and the log's length in bytes when it was read.</summary>
public sealed record LogChunk(string Text, long NextOffset, long Length)
{
    /// <summary>How much one read returns at most unless told otherwise: logs are served in ranges, never whole.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>True when the read reached the end of what was written.</summary>
    public bool AtEnd => NextOffset >= Length;
}

/// <summary>The logs of every node of every workflow, appended while the nodes run.</summary>
public interface ILogStore
{
    /// <summary>Appends <paramref name="text"/> to the log of node <paramref name="nodeId"/>.</summary>
    Task AppendAsync(string workflow, string nodeId, string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="maxBytes"/> of the log of node <paramref name="nodeId"/> from byte <paramref name="offset"/>
    /// on, cut at a character boundary (a later read from <see cref="LogChunk.NextOffset"/> goes on).
    /// </summary>
    Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, int maxBytes = LogChunk.DefaultMaxBytes, CancellationToken cancellationToken = default);

    /// <summary>Removes every log of <paramref name="workflow"/>.</summary>
    Task DeleteAsync(string workflow, CancellationToken cancellationToken = default);
}
