using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// A DAG template prepared for running: each task's <c>depends</c> logic (the old <c>dependencies</c> list turned
/// into it, allowing failures its dependencies continue on, as Argo's <c>expandDependency</c> does), the target
/// tasks (<c>target</c>, or every task nothing depends on) and the tasks needed to reach them.
/// </summary>
public sealed class DagPlan
{
    private DagPlan(DagBody dag, IReadOnlyDictionary<string, DependsExpression> depends, IReadOnlyList<string> targets, IReadOnlySet<string> needed)
    {
        Dag = dag;
        Depends = depends;
        Targets = targets;
        Needed = needed;
    }

    /// <summary>The DAG.</summary>
    public DagBody Dag { get; }

    /// <summary>Each task's depends logic.</summary>
    public IReadOnlyDictionary<string, DependsExpression> Depends { get; }

    /// <summary>The tasks whose phases make the DAG's phase.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The tasks that run: the targets and everything they depend on.</summary>
    public IReadOnlySet<string> Needed { get; }

    /// <summary>The task named <paramref name="name"/>.</summary>
    public DagTask Task(string name) => Dag.Tasks.First(t => t.Name == name);

    /// <summary>Prepares <paramref name="dag"/>; <paramref name="variables"/> resolve a templated <c>target</c>.</summary>
    public static DagPlan For(DagBody dag, IReadOnlyDictionary<string, string> variables)
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
}
