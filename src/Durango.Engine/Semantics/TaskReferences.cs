using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Which DAG tasks a task's own text names (<c>{{tasks.NAME.outputs.result}}</c> in its arguments, <c>when</c>, loop
/// or hooks; <c>tasks['NAME'].status</c> in an expression). Argo resolves a task's variables by the name written there
/// (upstream <c>workflow/controller/scope.go</c> looks names up), so a task is given the variables of those tasks only,
/// not of every task that has ended: a copy of all of them per task, replayed at every turn, grew with the square of a
/// DAG's length (issue 12).
/// </summary>
public static partial class TaskReferences
{
    private static readonly ConditionalWeakTable<DagTask, Names> Found = new();

    /// <summary>
    /// The task names <paramref name="task"/>'s text names after <c>tasks</c>; null when it cannot tell (an index that is
    /// not a literal name, or <c>tasks</c> on its own): then it sees every task's variables. Found once per task object.
    /// </summary>
    public static IReadOnlySet<string>? Named(DagTask task) =>
        Found.GetValue(task, t => new Names(StepReferences.NamesIn(t, Reference(), Unnamed()))).Set;

    /// <summary>
    /// The task names anywhere in <paramref name="template"/>'s text (its tasks and its outputs); null when it cannot
    /// tell. Found once per template object.
    /// </summary>
    public static IReadOnlySet<string>? Named(Template template) =>
        InTemplates.GetValue(template, t => new Names(StepReferences.NamesIn(t, Reference(), Unnamed()))).Set;

    /// <summary>
    /// The ended tasks' variables that <paramref name="template"/> can still name: all of them when it cannot tell which,
    /// so that a DAG that continues as new carries what its later tasks and outputs read and not the rest.
    /// </summary>
    public static Dictionary<string, Dictionary<string, string>> Retained(Template template, IReadOnlyDictionary<string, Dictionary<string, string>> ended)
    {
        var named = Named(template);
        return ended.Where(e => named is null || named.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static readonly ConditionalWeakTable<Template, Names> InTemplates = new();

    private sealed record Names(IReadOnlySet<string>? Set);

    [GeneratedRegex("""\btasks(?:\.(?<dot>[A-Za-z0-9_-]+)|\[\s*["'](?<index>[^"']+)["']\s*\])""")]
    private static partial Regex Reference();

    // "tasks" not followed by a literal name: a computed index, or the whole map in an expression.
    [GeneratedRegex("""\btasks(?!\.[A-Za-z0-9_-]|\[\s*["'])""")]
    private static partial Regex Unnamed();
}
