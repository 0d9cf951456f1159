namespace Durango.Engine.Model;

/// <summary>
/// Merges two records of one node. Records may be written out of order (several activities carry them), so the
/// merge is order-independent: the higher phase rank wins, a fulfilled node keeps its first fulfilled record,
/// children are united and the earliest start is kept.
/// </summary>
public static class NodeStatusMerge
{
    /// <summary>The merge of what is known (<paramref name="known"/>) with <paramref name="update"/>.</summary>
    public static NodeStatus Merge(NodeStatus? known, NodeStatus update)
    {
        if (known is null)
        {
            return update;
        }

        var winner = update.Phase.Rank() > known.Phase.Rank() ? update : known;
        var other = ReferenceEquals(winner, update) ? known : update;
        return winner with
        {
            StartedAt = Earliest(known.StartedAt, update.StartedAt),
            Children = known.Children.Count == 0 ? update.Children : known.Children.Union(update.Children, StringComparer.Ordinal).ToList(),
            TemplateName = winner.TemplateName ?? other.TemplateName,
            BoundaryId = winner.BoundaryId ?? other.BoundaryId,
            Inputs = winner.Inputs ?? other.Inputs,
            Outputs = winner.Outputs ?? other.Outputs,
            OutboundNodes = winner.OutboundNodes ?? other.OutboundNodes,
            NodeFlag = winner.NodeFlag ?? other.NodeFlag,
            MemoizationStatus = winner.MemoizationStatus ?? other.MemoizationStatus,
            Daemoned = winner.Phase.Fulfilled() ? null : winner.Daemoned ?? other.Daemoned,
            PodIp = winner.PodIp ?? other.PodIp,
        };
    }

    /// <summary>Folds <paramref name="updates"/> into <paramref name="nodes"/>, keyed by node id.</summary>
    public static void Apply(IDictionary<string, NodeStatus> nodes, IEnumerable<NodeStatus> updates)
    {
        foreach (var update in updates)
        {
            nodes[update.Id] = Merge(nodes.TryGetValue(update.Id, out var known) ? known : null, update);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
