using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// DAG rules: <c>depends</c> parses and is not combined with <c>dependencies</c>; every dependency and target
/// exists; the graph has no cycle.
/// </summary>
internal sealed class DagRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        foreach (var template in context.Document.Spec.Templates)
        {
            if (template.Body is DagBody dag)
            {
                CheckDag(context, template, dag, context.TemplatePath(template));
            }
        }
    }

    private static void CheckDag(ValidationContext context, Template template, DagBody dag, string path)
    {
        var names = dag.Tasks.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < dag.Tasks.Count; i++)
        {
            var task = dag.Tasks[i];
            var taskPath = $"{path}.dag.tasks[{i}]";
            var argo = $"templates.{template.Name}.tasks.{task.Name}";
            var dependencies = new List<string>(task.Dependencies);
            if (task.Depends is not null && task.Dependencies.Count > 0)
            {
                context.Error(DiagnosticCodes.Dag, $"{taskPath}.depends",
                    $"{argo} uses both 'depends' and 'dependencies'; keep 'depends' (it can say everything 'dependencies' says)");
            }

            if (task.Depends is { } depends)
            {
                var parsed = DependsExpression.TryParse(depends, out var error);
                if (parsed is null)
                {
                    context.Error(DiagnosticCodes.ExpressionSyntax, $"{taskPath}.depends", $"{argo}: invalid depends '{Excerpt.Of(depends)}': {error}");
                }
                else
                {
                    dependencies.AddRange(parsed.Tasks);
                }
            }

            foreach (var dependency in dependencies.Distinct())
            {
                if (!names.Contains(dependency))
                {
                    context.Error(DiagnosticCodes.Dag, task.Depends is null ? $"{taskPath}.dependencies" : $"{taskPath}.depends",
                        $"{argo} depends on '{dependency}', which is not a task of this DAG; tasks are {string.Join(", ", names)}");
                }
            }

            edges[task.Name] = dependencies.Where(names.Contains).Distinct().ToList();
        }

        if (FindCycle(edges) is { } cycle)
        {
            var index = dag.Tasks.ToList().FindIndex(t => t.Name == cycle[0]);
            context.Error(DiagnosticCodes.Dag, $"{path}.dag.tasks[{Math.Max(0, index)}]",
                $"templates.{template.Name}: dependency cycle {string.Join(" -> ", cycle)}; remove one of these dependencies");
        }

        foreach (var target in (dag.Target ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!target.Contains("{{", StringComparison.Ordinal) && !names.Contains(target))
            {
                context.Error(DiagnosticCodes.Dag, $"{path}.dag.target", $"templates.{template.Name}: target '{target}' is not a task of this DAG");
            }
        }
    }

    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var start in edges.Keys)
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. stack.Skip(stack.IndexOf(node)), node];
            }

            state[node] = 1;
            stack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }
    }
}
