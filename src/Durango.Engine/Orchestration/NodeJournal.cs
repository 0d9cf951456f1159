using Durango.Engine.Model;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Node records an orchestration has made but not yet written. Orchestrations cannot do I/O, so the records ride
/// along with the next activity or sub-orchestration they start (which writes them first thing), or go out in a
/// record activity when nothing else would carry them. Records of one node merge in any order, so carrying them
/// by different routes is safe.
/// </summary>
internal sealed class NodeJournal
{
    private readonly List<NodeStatus> _pending = [];

    /// <summary>True when records wait to be written.</summary>
    public bool HasPending => _pending.Count > 0;

    /// <summary>Adds a record.</summary>
    public void Record(NodeStatus node) => _pending.Add(node);

    /// <summary>Adds records made elsewhere (a child's leftovers).</summary>
    public void RecordAll(IEnumerable<NodeStatus> nodes) => _pending.AddRange(nodes);

    /// <summary>Records that <paramref name="childId"/> is a child of <paramref name="parent"/>.</summary>
    public void AddChild(NodeStatus parent, string childId) =>
        _pending.Add(parent with { Phase = NodePhase.Pending, Children = [childId], Outputs = null, Inputs = null, OutboundNodes = null });

    /// <summary>Takes every pending record, for a carrier to write.</summary>
    public IReadOnlyList<NodeStatus> TakeAll()
    {
        var taken = _pending.ToList();
        _pending.Clear();
        return taken;
    }
}
