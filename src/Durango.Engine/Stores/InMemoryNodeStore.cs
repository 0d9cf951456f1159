using System.Collections.Concurrent;
using Durango.Engine.Model;

namespace Durango.Engine.Stores;

/// <summary>Node trees in process memory: the companion of the in-memory durable backend, which forgets on restart too.</summary>
public sealed class InMemoryNodeStore : INodeStore
{
    private readonly ConcurrentDictionary<string, Dictionary<string, NodeStatus>> _trees = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
    {
        var tree = _trees.GetOrAdd(workflow, _ => new Dictionary<string, NodeStatus>(StringComparer.Ordinal));
        lock (tree)
        {
            NodeStatusMerge.Apply(tree, nodes);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default)
    {
        if (!_trees.TryGetValue(workflow, out var tree))
        {
            return Task.FromResult<IReadOnlyDictionary<string, NodeStatus>>(new Dictionary<string, NodeStatus>());
        }

        lock (tree)
        {
            return Task.FromResult<IReadOnlyDictionary<string, NodeStatus>>(new Dictionary<string, NodeStatus>(tree, StringComparer.Ordinal));
        }
    }

    /// <inheritdoc/>
    public Task<NodeLookup?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (!_trees.TryGetValue(workflow, out var tree))
        {
            return Task.FromResult<NodeLookup?>(null);
        }

        lock (tree)
        {
            return Task.FromResult(NodeLookup.Of(tree, nodeIds));
        }
    }

    /// <inheritdoc/>
    public Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default)
    {
        _trees[workflow] = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default)
    {
        _trees.TryRemove(workflow, out _);
        return Task.CompletedTask;
    }
}
