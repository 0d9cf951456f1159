using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// What a memoized resubmit carries into the new workflow: the records it starts with, and the succeeded leaves that
/// do not run again (by their new names), with their outputs.
/// </summary>
/// <param name="Records">The carried nodes as the new workflow shows them.</param>
/// <param name="Reuse">The carried leaves as they ran, renamed: what their steps or DAG see.</param>
public sealed record CarriedNodes(IReadOnlyList<NodeStatus> Records, IReadOnlyDictionary<string, NodeStatus> Reuse);

/// <summary>
/// Argo's <c>resubmit --memoized</c> (upstream <c>workflow/util/util.go</c>, <c>FormulateResubmitWorkflow</c>): only a
/// Failed or Error workflow may be resubmitted so; the new workflow, under a new name, keeps the pods that succeeded
/// (the leaves <see cref="WorkflowRetry.Kept(IEnumerable{NodeStatus}, string)"/> keeps), renamed from the old workflow's name to the new one and shown as
/// Skipped with <c>original pod: ID</c>; everything else runs again.
/// </summary>
public static class MemoizedResubmit
{
    /// <summary>Upstream's refusal of a workflow that is not Failed or Error.</summary>
    public const string NotFailed = "workflow must be Failed/Error to resubmit in memoized mode";

    /// <summary>Whether a workflow in <paramref name="phase"/> may be resubmitted memoized.</summary>
    public static bool Allowed(WorkflowPhase phase) => phase is WorkflowPhase.Failed or WorkflowPhase.Error;

    /// <summary>The nodes of workflow <paramref name="from"/> that its memoized resubmit <paramref name="to"/> starts with, at <paramref name="now"/>.</summary>
    public static CarriedNodes Carry(IReadOnlyCollection<NodeStatus> nodes, string from, string to, DateTimeOffset now)
    {
        var names = nodes.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
        string Rename(string name) => name.StartsWith(from, StringComparison.Ordinal) ? to + name[from.Length..] : name;
        string? NewId(string? id) => id is not null && names.TryGetValue(id, out var name) ? NodeIds.NodeId(to, Rename(name)) : null;

        var reuse = new Dictionary<string, NodeStatus>(StringComparer.Ordinal);
        var records = new List<NodeStatus>();
        foreach (var node in WorkflowRetry.Kept(nodes, from))
        {
            var name = Rename(node.Name);
            var renamed = node with
            {
                Id = NodeIds.NodeId(to, name),
                Name = name,
                BoundaryId = NewId(node.BoundaryId),
                Children = node.Children.Select(NewId).OfType<string>().ToList(),
                OutboundNodes = node.OutboundNodes?.Select(NewId).OfType<string>().ToList(),
                Run = 0,
            };
            reuse[name] = renamed;
            records.Add(renamed with
            {
                Type = NodeType.Skipped,
                Phase = NodePhase.Skipped,
                Message = $"original pod: {node.Id}",
                StartedAt = now,
                FinishedAt = now,
            });
        }

        return new CarriedNodes(records, reuse);
    }
}
