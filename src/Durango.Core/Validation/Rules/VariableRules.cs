using System.Globalization;
using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// Every <c>{{...}}</c> reference resolves in its scope: inputs the template declares, steps of earlier groups,
/// DAG tasks the task depends on, <c>item</c> inside loops, the workflow's globals, and <c>workflow.status</c>
/// and <c>workflow.failures</c> only in templates an exit handler or hook runs.
/// </summary>
internal sealed class VariableRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        var globals = VariableScope.GlobalsOf(context.Spec);
        var exitScope = ExitScopeTemplates(context);
        foreach (var template in context.Document.Spec.Templates)
        {
            var scope = new VariableScope
            {
                Globals = globals,
                LenientWorkflowVariables = !context.Document.Kind.IsRunnable(),
                ExitScope = exitScope.Contains(template.Name),
                Inputs = template.Inputs.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
                InputArtifacts = template.Inputs.Artifacts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal),
                HasRetry = template.RetryStrategy is not null || context.Spec.RetryStrategy is not null,
            };
            var path = context.TemplatePath(template);
            CheckBody(context, template, path, scope);
            CheckInvocations(context, template, path, scope);
        }
    }

    private static void CheckBody(ValidationContext context, Template template, string path, VariableScope scope)
    {
        var all = scope with
        {
            Steps = TemplateReferences.Invocations(template, path, string.Empty).Where(i => i.Invocation is WorkflowStep).Select(i => i.Invocation.Name).ToHashSet(),
            Tasks = TemplateReferences.Invocations(template, path, string.Empty).Where(i => i.Invocation is DagTask).Select(i => i.Invocation.Name).ToHashSet(),
        };
        switch (template.Body)
        {
            case ContainerBody container:
                CheckContainer(context, $"{path}.container", container.Container, scope);
                break;
            case ScriptBody script:
                CheckContainer(context, $"{path}.script", script.Container, scope);
                CheckText(context, $"{path}.script.source", script.Source, scope);
                break;
            case ContainerSetBody set:
                for (var i = 0; i < set.Containers.Count; i++)
                {
                    CheckContainer(context, $"{path}.containerSet.containers[{i}]", set.Containers[i].Container, scope);
                }

                break;
            case HttpBody http:
                CheckText(context, $"{path}.http.url", http.Http.Url, scope);
                CheckText(context, $"{path}.http.body", http.Http.Body, scope);
                for (var i = 0; i < http.Http.Headers.Count; i++)
                {
                    CheckText(context, $"{path}.http.headers[{i}].value", http.Http.Headers[i].Value, scope);
                }

                break;
            case SuspendBody suspend:
                CheckText(context, $"{path}.suspend.duration", suspend.Duration, scope);
                break;
        }

        for (var i = 0; i < template.Outputs.Parameters.Count; i++)
        {
            var valueFrom = template.Outputs.Parameters[i].ValueFrom;
            CheckText(context, $"{path}.outputs.parameters[{i}].valueFrom.parameter", valueFrom?.Parameter, all);
            CheckText(context, $"{path}.outputs.parameters[{i}].valueFrom.path", valueFrom?.Path, scope);
        }
    }

    private static void CheckContainer(ValidationContext context, string path, ContainerSpec container, VariableScope scope)
    {
        CheckText(context, $"{path}.image", container.Image, scope);
        CheckText(context, $"{path}.workingDir", container.WorkingDir, scope);
        for (var i = 0; i < container.Command.Count; i++)
        {
            CheckText(context, $"{path}.command[{i}]", container.Command[i], scope);
        }

        for (var i = 0; i < container.Args.Count; i++)
        {
            CheckText(context, $"{path}.args[{i}]", container.Args[i], scope);
        }

        for (var i = 0; i < container.Env.Count; i++)
        {
            CheckText(context, $"{path}.env[{i}].value", container.Env[i].Value, scope);
        }
    }

    private static void CheckInvocations(ValidationContext context, Template template, string path, VariableScope scope)
    {
        switch (template.Body)
        {
            case StepsBody steps:
                // One set, grown after each group: a group's steps are checked against it before it grows (a copy per
                // step made a long chain's check quadratic: 3 s for 10,000 steps).
                var finished = new HashSet<string>(StringComparer.Ordinal);
                var earlier = scope with { Steps = finished };
                for (var g = 0; g < steps.Groups.Count; g++)
                {
                    for (var s = 0; s < steps.Groups[g].Count; s++)
                    {
                        CheckInvocation(context, steps.Groups[g][s], $"{path}.steps[{g}][{s}]", earlier);
                    }

                    finished.UnionWith(steps.Groups[g].Select(step => step.Name));
                }

                break;
            case DagBody dag:
                var ancestors = DagAncestors(dag);
                for (var t = 0; t < dag.Tasks.Count; t++)
                {
                    CheckInvocation(context, dag.Tasks[t], $"{path}.dag.tasks[{t}]", scope with { Tasks = ancestors[dag.Tasks[t].Name] });
                }

                break;
        }
    }

    private static void CheckInvocation(ValidationContext context, TemplateInvocation invocation, string path, VariableScope scope)
    {
        var inner = scope with { InLoop = invocation.IsLoop };
        CheckText(context, $"{path}.when", invocation.When, inner);
        CheckText(context, $"{path}.withParam", invocation.WithParam, scope);
        for (var i = 0; i < invocation.Arguments.Parameters.Count; i++)
        {
            CheckText(context, $"{path}.arguments.parameters[{i}].value", invocation.Arguments.Parameters[i].Value, inner);
        }
    }

    private static void CheckText(ValidationContext context, string path, string? text, VariableScope scope)
    {
        if (text is null)
        {
            return;
        }

        foreach (var tag in TemplateTags.Scan(text).Distinct())
        {
            if (tag.IsExpression)
            {
                if (ExpressionSyntax.Check(tag.Content, ExpressionDialect.Expr) is { } error)
                {
                    context.Error(DiagnosticCodes.ExpressionSyntax, path, $"invalid expression in '{{{{={Excerpt.Of(tag.Content)}}}}}': {error}");
                }
            }
            else if (VariableScope.IsWorkflowVariable(tag.Content) && !scope.Resolves(tag.Content))
            {
                context.Error(DiagnosticCodes.UnresolvedReference, path, $"failed to resolve {{{{{tag.Content}}}}}: {Hint(tag.Content, scope)}");
            }
        }
    }

    private static string Hint(string tag, VariableScope scope) => tag switch
    {
        "workflow.failures" => "it is only set for exit handlers; read it from a template that spec.onExit (or an exit hook) runs",
        _ when tag.StartsWith("inputs.parameters.", StringComparison.Ordinal) => "declare it under this template's inputs.parameters",
        _ when tag.StartsWith("item", StringComparison.Ordinal) => "'item' exists only in a step or task with withItems, withParam or withSequence",
        _ when tag.StartsWith("steps.", StringComparison.Ordinal) => $"only steps of earlier groups can be referenced here ({Names(scope.Steps)})",
        _ when tag.StartsWith("tasks.", StringComparison.Ordinal) => $"only tasks this task depends on can be referenced here ({Names(scope.Tasks)}); add a dependency",
        _ when tag.StartsWith("workflow.parameters.", StringComparison.Ordinal) => "declare it under spec.arguments.parameters",
        _ => "no such variable; see Argo's variables reference",
    };

    /// <summary>The names a hint lists: the first <see cref="NamesListed"/>, then how many more.</summary>
    private static string Names(IReadOnlySet<string> names) => names.Count switch
    {
        0 => "none",
        > NamesListed => string.Join(", ", names.Take(NamesListed)) + string.Create(CultureInfo.InvariantCulture, $" and {names.Count - NamesListed:N0} more"),
        _ => string.Join(", ", names),
    };

    private const int NamesListed = 20;

    private static Dictionary<string, IReadOnlySet<string>> DagAncestors(DagBody dag)
    {
        // Duplicate task names are NameRules' finding; here the first of them counts.
        var direct = dag.Tasks.DistinctBy(t => t.Name).ToDictionary(
            t => t.Name,
            t => (IReadOnlyList<string>)(t.Depends is { } d ? DependsExpression.TryParse(d, out _)?.Tasks ?? [] : t.Dependencies),
            StringComparer.Ordinal);
        return direct.Keys.ToDictionary(name => name, name => (IReadOnlySet<string>)new AncestorSet(direct, name), StringComparer.Ordinal);
    }

    /// <summary>Templates run, directly or through steps, by an exit handler.</summary>
    private static HashSet<string> ExitScopeTemplates(ValidationContext context)
    {
        var references = TemplateReferences.All(context).ToList();
        var callees = references.Where(r => r.Caller is not null && r.Template is not null)
            .GroupBy(r => r.Caller!.Name)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Template!).ToList(), StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(references.Where(r => r.IsExitScope && r.Template is not null).Select(r => r.Template!));
        while (pending.TryPop(out var name))
        {
            if (reached.Add(name))
            {
                foreach (var callee in callees.GetValueOrDefault(name) ?? [])
                {
                    pending.Push(callee);
                }
            }
        }

        return reached;
    }
}
