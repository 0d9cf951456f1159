using System.Collections.Immutable;

namespace Durango.Engine.Model;

/// <summary>
/// Merges two records of one node. Records may be written out of order (several activities carry them), so the
/// merge is order-independent: the higher phase rank wins, a fulfilled node keeps its first fulfilled record,
/// children are united and the earliest start is kept. Two records of a waiting suspend node (Argo's <c>set</c> gives
/// it output values and a message while it waits) keep every output either gave, and the later message. A record of
/// a later run of the workflow (<see cref="NodeStatus.Run"/>: Argo's retry runs it again under its node ids) replaces
/// one of an earlier run, and a late record of the earlier run (a write still on its way when the workflow was
/// retried) changes nothing. Times cannot tell runs apart: a start sent again (Durable delivers at least once, and an
/// episode a dead host never saved runs again later) starts after the node's own end.
/// </summary>
public static class NodeStatusMerge
{
    /// <summary>The merge of what is known (<paramref name="known"/>) with <paramref name="update"/>.</summary>
    public static NodeStatus Merge(NodeStatus? known, NodeStatus update)
    {
        if (known is null || update.Run > known.Run)
        {
            return update;
        }

        if (known.Run > update.Run)
        {
            return known;
        }

        var winner = update.Phase.Rank() > known.Phase.Rank() ? update : known;
        var other = ReferenceEquals(winner, update) ? known : update;
        if (Waiting(known, update))
        {
            winner = update with { Message = update.Message ?? known.Message, Outputs = GivenOutputs(update.Outputs, known.Outputs) };
            other = known;
        }

        return winner with
        {
            StartedAt = Earliest(known.StartedAt, update.StartedAt),
            Children = Children(known.Children, update.Children),
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

    /// <summary>Both records are of one suspend node that waits, with a start (not an amendment or a child link).</summary>
    private static bool Waiting(NodeStatus known, NodeStatus update) =>
        known.Type == NodeType.Suspend && known.Phase == NodePhase.Running && update.Phase == NodePhase.Running
        && known.StartedAt is not null && update.StartedAt is not null;

    /// <summary>The outputs of a waiting suspend node from two of its records: an output given a value in either has it.</summary>
    private static NodeOutputs? GivenOutputs(NodeOutputs? a, NodeOutputs? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var given = b.Parameters.Where(p => p.ValueFrom is null).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return a with { Parameters = a.Parameters.Select(p => p.ValueFrom is not null && given.TryGetValue(p.Name, out var value) ? value : p).ToList() };
    }

    /// <summary>Folds <paramref name="updates"/> into <paramref name="nodes"/>, keyed by node id.</summary>
    public static void Apply(IDictionary<string, NodeStatus> nodes, IEnumerable<NodeStatus> updates)
    {
        foreach (var update in updates)
        {
            nodes[update.Id] = Merge(nodes.TryGetValue(update.Id, out var known) ? known : null, update);
        }
    }

    /// <summary>
    /// <paramref name="known"/> followed by the children of <paramref name="update"/> it lacks, in order. A steps node
    /// gains one child per group, one record at a time, so this must not copy what is known: nothing is allocated
    /// when nothing is new, and the list grows by structural sharing (an immutable list), not by a copy of all its
    /// children (which made a 10,000-group chain quadratic in memory traffic).
    /// </summary>
    private static IReadOnlyList<string> Children(IReadOnlyList<string> known, IReadOnlyList<string> update)
    {
        if (known.Count == 0)
        {
            return update;
        }

        List<string>? added = null;
        foreach (var child in update)
        {
            if (!Contains(known, child) && !(added?.Contains(child, StringComparer.Ordinal) ?? false))
            {
                (added ??= []).Add(child);
            }
        }

        return added is null ? known : (known as ImmutableList<string> ?? ImmutableList.CreateRange(known)).AddRange(added);
    }

    private static bool Contains(IReadOnlyList<string> children, string child)
    {
        foreach (var known in children)
        {
            if (string.Equals(known, child, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
