namespace Durango.Engine.Stores;

/// <summary>A piece of a node's log and the offset to read on from.</summary>
public sealed record LogChunk(string Text, long NextOffset);

/// <summary>The logs of every node of every workflow, appended while the nodes run.</summary>
public interface ILogStore
{
    /// <summary>Appends <paramref name="text"/> to the log of node <paramref name="nodeId"/>.</summary>
    Task AppendAsync(string workflow, string nodeId, string text, CancellationToken cancellationToken = default);

    /// <summary>The log of node <paramref name="nodeId"/> from <paramref name="offset"/> on: 0, or a <see cref="LogChunk.NextOffset"/> this store returned.</summary>
    Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, CancellationToken cancellationToken = default);

    /// <summary>Removes every log of <paramref name="workflow"/>.</summary>
    Task DeleteAsync(string workflow, CancellationToken cancellationToken = default);
}
