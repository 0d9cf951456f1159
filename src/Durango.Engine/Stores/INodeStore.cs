using Durango.Engine.Model;

namespace Durango.Engine.Stores;

/// <summary>
/// The node tree of each workflow, where it scales (a workflow can have thousands of nodes; Durable's custom status
/// holds 16 KB). Writes merge with <see cref="NodeStatusMerge"/>, so writers need no coordination.
/// </summary>
public interface INodeStore
{
    /// <summary>Merges <paramref name="nodes"/> into the tree of <paramref name="workflow"/>.</summary>
    Task WriteAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default);

    /// <summary>The tree of <paramref name="workflow"/>, keyed by node id; empty when there is none.</summary>
    Task<IReadOnlyDictionary<string, NodeStatus>> ReadAsync(string workflow, CancellationToken cancellationToken = default);

    /// <summary>How many nodes <paramref name="workflow"/> has (the node cap is checked against it).</summary>
    async Task<int> CountAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await ReadAsync(workflow, cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>
    /// The records of the nodes <paramref name="nodeIds"/> that exist, or null when <paramref name="workflow"/> has no
    /// node at all (it was deleted). A running leaf polls this to hear a stop or terminate recorded on any host.
    /// </summary>
    async Task<IReadOnlyDictionary<string, NodeStatus>?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        var tree = await ReadAsync(workflow, cancellationToken).ConfigureAwait(false);
        return tree.Count == 0 ? null : nodeIds.Where(tree.ContainsKey).ToDictionary(id => id, id => tree[id], StringComparer.Ordinal);
    }

    /// <summary>Replaces the tree of <paramref name="workflow"/> with <paramref name="nodes"/> (Argo's retry keeps the succeeded ones).</summary>
    Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default);

    /// <summary>Removes the tree of <paramref name="workflow"/>.</summary>
    Task DeleteAsync(string workflow, CancellationToken cancellationToken = default);
}
