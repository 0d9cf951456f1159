namespace Durango.Engine.Semantics;

/// <summary>
/// The tasks of a DAG that may start now: needed tasks (<see cref="DagPlan.Needed"/>) not yet started or settled whose
/// needed dependencies have all settled, by their place in the DAG. Kept up to date as tasks settle, so a completion
/// costs the tasks that depend on it rather than a look at every task; the DAG's orchestration replays every
/// completion at each turn, and a scan per completion made a 1,000-task chain take minutes (issue 12).
/// </summary>
public sealed class DagFrontier
{
    private readonly IReadOnlyDictionary<string, int[]> _dependents;
    private readonly HashSet<string> _settled = new(StringComparer.Ordinal);
    private readonly int[] _waiting;
    private readonly SortedSet<int> _ready = [];

    /// <summary>The frontier of <paramref name="plan"/> before any task has run (its edges are the plan's: <see cref="DagPlan.Waiting"/>).</summary>
    public DagFrontier(DagPlan plan)
    {
        _dependents = plan.Dependents;
        _waiting = [.. plan.Waiting];
        for (var place = 0; place < _waiting.Length; place++)
        {
            if (_waiting[place] == 0 && plan.Needed.Contains(plan.Dag.Tasks[place].Name))
            {
                _ready.Add(place);
            }
        }
    }

    /// <summary>The place of the first ready task after place <paramref name="after"/> (-1: the first), or -1 when there is none.</summary>
    public int NextAfter(int after)
    {
        var later = _ready.GetViewBetween(after + 1, int.MaxValue);
        return later.Count == 0 ? -1 : later.Min;
    }

    /// <summary>The task at <paramref name="place"/> has started, or settled without running: it is no longer ready.</summary>
    public void Taken(int place) => _ready.Remove(place);

    /// <summary>Task <paramref name="name"/> has settled (ended, or was omitted): tasks waiting only on it are ready.</summary>
    public void Settled(string name)
    {
        if (!_settled.Add(name) || !_dependents.TryGetValue(name, out var dependents))
        {
            return;
        }

        foreach (var place in dependents)
        {
            if (--_waiting[place] == 0)
            {
                _ready.Add(place);
            }
        }
    }
}
