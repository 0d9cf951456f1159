using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Where a long DAG left off when it continued as new, at a moment when none of its tasks ran: its node, each settled
/// task's state (a character per task of the DAG), the outbound nodes of the settled tasks a later task or the end
/// still hangs from, the variables of the tasks its text names, and what it had collected. Replaying the whole history
/// at every task's end makes a long DAG on a backend without sessions quadratic; continuing as new every few tasks
/// keeps each history short, as <see cref="StepsProgress"/> does for steps. What it carries grows by about a character
/// a task: carrying every settled task's result made a 1,000-task chain's input 500 KB, and on Azure Storage each
/// continuation slower the longer the DAG.
/// </summary>
/// <param name="DagNode">The DAG node's Running record.</param>
/// <param name="Phases">Each task's phase, in the DAG's task order: <see cref="Unsettled"/>, or a letter per <see cref="NodePhase"/>.</param>
/// <param name="Detailed">The states a phase alone does not tell: a loop's iterations' phases, a daemoned task.</param>
/// <param name="Outbound">The outbound nodes of the settled tasks that a task yet to start or the end reads.</param>
/// <param name="Ended">The variables (<c>tasks.NAME.*</c>) of the settled tasks the template names.</param>
/// <param name="Failures">Failures of the settled tasks.</param>
/// <param name="Published">Global outputs published so far.</param>
public sealed record DagProgress(
    NodeStatus DagNode,
    string Phases,
    IReadOnlyDictionary<string, DependsTaskState> Detailed,
    IReadOnlyDictionary<string, NodeOutbound> Outbound,
    IReadOnlyDictionary<string, Dictionary<string, string>> Ended,
    IReadOnlyList<FailedNode> Failures,
    IReadOnlyDictionary<string, string> Published)
{
    /// <summary>A task that has not settled, in <see cref="Phases"/>.</summary>
    public const char Unsettled = '-';

    /// <summary>
    /// Whether the workflow was suspended when the orchestration continued as new: read then, not when the progress
    /// was made, as for <see cref="StepsProgress.Suspended"/>.
    /// </summary>
    public bool Suspended { get; init; }

    /// <summary>
    /// The progress of the DAG <paramref name="plan"/> whose settled tasks are <paramref name="states"/>, keeping of
    /// <paramref name="outbound"/> only the tasks an unsettled task depends on and the targets.
    /// </summary>
    public static DagProgress Of(
        NodeStatus dagNode, DagPlan plan, IReadOnlyDictionary<string, DependsTaskState> states, IReadOnlyDictionary<string, NodeOutbound> outbound,
        IReadOnlyDictionary<string, Dictionary<string, string>> ended, IReadOnlyList<FailedNode> failures, IReadOnlyDictionary<string, string> published)
    {
        var read = new HashSet<string>(plan.Targets, StringComparer.Ordinal);
        foreach (var task in plan.Dag.Tasks.Where(t => !states.ContainsKey(t.Name)))
        {
            read.UnionWith(plan.Depends[task.Name].Tasks);
        }

        var phases = string.Concat(plan.Dag.Tasks.Select(t => states.TryGetValue(t.Name, out var state) ? Letter(state.Phase) : Unsettled));
        var detailed = states.Where(s => s.Value.ChildPhases.Count > 0 || s.Value.Daemoned).ToDictionary(StringComparer.Ordinal);
        var kept = outbound.Where(o => read.Contains(o.Key)).ToDictionary(StringComparer.Ordinal);
        return new DagProgress(dagNode, phases, detailed, kept, ended, failures, published);
    }

    /// <summary>The settled tasks' states again, by name, from <see cref="Phases"/> read against <paramref name="plan"/> and <see cref="Detailed"/>.</summary>
    public Dictionary<string, DependsTaskState> States(DagPlan plan)
    {
        var states = new Dictionary<string, DependsTaskState>(StringComparer.Ordinal);
        for (var place = 0; place < plan.Dag.Tasks.Count && place < Phases.Length; place++)
        {
            var name = plan.Dag.Tasks[place].Name;
            if (Phases[place] != Unsettled)
            {
                states[name] = Detailed.GetValueOrDefault(name) ?? new DependsTaskState((NodePhase)(Phases[place] - 'a'), []);
            }
        }

        return states;
    }

    private static char Letter(NodePhase phase) => (char)('a' + (int)phase);
}
