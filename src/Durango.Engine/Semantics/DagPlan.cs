using System.Runtime.CompilerServices;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// A DAG template prepared for running: each task's <c>depends</c> logic (the old <c>dependencies</c> list turned
/// into it, allowing failures its dependencies continue on, as Argo's <c>expandDependency</c> does), the target
/// tasks (<c>target</c>, or every task nothing depends on) and the tasks needed to reach them. A plan never changes:
/// a DAG whose <c>target</c> has no tags gets the same one for as long as its template lives (templates are immutable
/// and cached), because the DAG's orchestration makes its plan again at every replay: for a 300-task DAG that cost
/// about a millisecond a turn, running hot (issue 12).
/// </summary>
public sealed class DagPlan
{
    private static readonly ConditionalWeakTable<DagBody, DagPlan> Plans = new();

    private DagPlan(DagBody dag, IReadOnlyDictionary<string, DependsExpression> depends, IReadOnlyList<string> targets, IReadOnlySet<string> needed)
    {
        Dag = dag;
        Depends = depends;
        Targets = targets;
        Needed = needed;
        (Waiting, Dependents) = Edges(dag, depends, needed);
    }

    /// <summary>The DAG.</summary>
    public DagBody Dag { get; }

    /// <summary>Each task's depends logic.</summary>
    public IReadOnlyDictionary<string, DependsExpression> Depends { get; }

    /// <summary>The tasks whose phases make the DAG's phase.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The tasks that run: the targets and everything they depend on.</summary>
    public IReadOnlySet<string> Needed { get; }

    /// <summary>For each task by its place, how many needed tasks it waits for (0 for a task that is not needed): see <see cref="DagFrontier"/>.</summary>
    public IReadOnlyList<int> Waiting { get; }

    /// <summary>For each needed task that others wait for, the places of those others.</summary>
    public IReadOnlyDictionary<string, int[]> Dependents { get; }

    /// <summary>The task named <paramref name="name"/>.</summary>
    public DagTask Task(string name) => Dag.Tasks.First(t => t.Name == name);

    /// <summary>Prepares <paramref name="dag"/>; <paramref name="variables"/> resolve a templated <c>target</c>.</summary>
    public static DagPlan For(DagBody dag, IReadOnlyDictionary<string, string> variables) =>
        dag.Target?.Contains("{{", StringComparison.Ordinal) == true ? Make(dag, variables) : Plans.GetValue(dag, d => Make(d, variables));

    private static DagPlan Make(DagBody dag, IReadOnlyDictionary<string, string> variables)
    {
        var tasks = dag.Tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var depends = new Dictionary<string, DependsExpression>(StringComparer.Ordinal);
        foreach (var task in dag.Tasks)
        {
            var text = task.Depends ?? string.Join(" && ", task.Dependencies.Select(d => Expand(d, tasks.GetValueOrDefault(d))));
            depends[task.Name] = string.IsNullOrWhiteSpace(text)
                ? DependsExpression.FromDependencies([])
                : DependsExpression.TryParse(text, out _) ?? DependsExpression.FromDependencies([]);
        }

        var dependedOn = depends.Values.SelectMany(d => d.Tasks).ToHashSet(StringComparer.Ordinal);
        var targets = dag.Target is { } target
            ? TemplateTags.Substitute(target, variables).Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(tasks.ContainsKey).ToList()
            : dag.Tasks.Select(t => t.Name).Where(n => !dependedOn.Contains(n)).ToList();

        var needed = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(targets);
        while (stack.TryPop(out var name))
        {
            if (needed.Add(name) && depends.TryGetValue(name, out var logic))
            {
                foreach (var dependency in logic.Tasks.Where(tasks.ContainsKey))
                {
                    stack.Push(dependency);
                }
            }
        }

        return new DagPlan(dag, depends, targets, needed);
    }

    private static string Expand(string dependency, DagTask? task)
    {
        var allowed = new List<string> { dependency };
        if (task?.ContinueOn is { Failed: true })
        {
            allowed.Add($"{dependency}.Failed");
        }

        if (task?.ContinueOn is { Error: true })
        {
            allowed.Add($"{dependency}.Errored");
        }

        return allowed.Count == 1 ? dependency : $"({string.Join(" || ", allowed)})";
    }

    private static (int[] Waiting, Dictionary<string, int[]> Dependents) Edges(
        DagBody dag, IReadOnlyDictionary<string, DependsExpression> depends, IReadOnlySet<string> needed)
    {
        var waiting = new int[dag.Tasks.Count];
        var dependents = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var place = 0; place < dag.Tasks.Count; place++)
        {
            if (!needed.Contains(dag.Tasks[place].Name))
            {
                continue;
            }

            // A dependency outside the needed tasks never runs, so it is not waited for (the task is then omitted).
            foreach (var dependency in depends[dag.Tasks[place].Name].Tasks.Where(needed.Contains).Distinct(StringComparer.Ordinal))
            {
                waiting[place]++;
                if (!dependents.TryGetValue(dependency, out var places))
                {
                    dependents[dependency] = places = [];
                }

                places.Add(place);
            }
        }

        return (waiting, dependents.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal));
    }
}
