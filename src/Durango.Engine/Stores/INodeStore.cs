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

    /// <summary>
    /// The records of the nodes <paramref name="nodeIds"/> that exist and how many nodes the workflow has, or null
    /// when <paramref name="workflow"/> has no node at all (it was deleted). A running leaf polls this to hear a stop
    /// or terminate recorded on any host, and checks the node cap with it.
    /// </summary>
    async Task<NodeLookup?> ReadNodesAsync(string workflow, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default) =>
        NodeLookup.Of(await ReadAsync(workflow, cancellationToken).ConfigureAwait(false), nodeIds);

    /// <summary>
    /// Writes <paramref name="nodes"/>, then reads as <see cref="ReadNodesAsync"/> does, as the store stood at the write
    /// or later: what a leaf does before it runs. A store that knows nothing else was written since it last looked
    /// answers without a second round trip.
    /// </summary>
    async Task<NodeLookup?> WriteThenReadNodesAsync(
        string workflow, IReadOnlyList<NodeStatus> nodes, IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodes.Count > 0)
        {
            await WriteAsync(workflow, nodes, cancellationToken).ConfigureAwait(false);
        }

        return await ReadNodesAsync(workflow, nodeIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the tree of <paramref name="workflow"/> with <paramref name="nodes"/> (Argo's retry keeps the succeeded ones).</summary>
    Task ReplaceAsync(string workflow, IReadOnlyList<NodeStatus> nodes, CancellationToken cancellationToken = default);

    /// <summary>Removes the tree of <paramref name="workflow"/>.</summary>
    Task DeleteAsync(string workflow, CancellationToken cancellationToken = default);
}

/// <summary>Some records of a workflow's tree, and the size of the tree.</summary>
/// <param name="Nodes">The records asked for that exist, by id.</param>
/// <param name="Count">How many nodes the workflow has.</param>
public sealed record NodeLookup(IReadOnlyDictionary<string, NodeStatus> Nodes, int Count)
{
    /// <summary>The records <paramref name="nodeIds"/> of <paramref name="tree"/>; null when the tree is empty.</summary>
    public static NodeLookup? Of(IReadOnlyDictionary<string, NodeStatus> tree, IReadOnlyCollection<string> nodeIds) => tree.Count == 0
        ? null
        : new NodeLookup(nodeIds.Where(tree.ContainsKey).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => tree[id], StringComparer.Ordinal), tree.Count);
}
