using Durango.Core.Spec;

namespace Durango.Core.Validation;

/// <summary>Why a template is called: from the entrypoint, a step, a task, a hook or an exit handler.</summary>
internal enum ReferenceKind
{
    Entrypoint,
    ExitHandler,
    Hook,
    Step,
    Task,
}

/// <summary>
/// One place in a spec that calls a template, with the path of the field that names it
/// (<c>spec.templates[0].steps[0][1].template</c>) and Argo's name for the caller (<c>templates.main.steps[0].step1</c>).
/// </summary>
internal sealed record TemplateReference(
    ReferenceKind Kind,
    string Path,
    string ArgoPath,
    string? Template,
    TemplateRef? TemplateRef,
    Arguments Arguments,
    Template? Caller,
    Template? Inline = null)
{
    /// <summary>The field that names the template, for diagnostics.</summary>
    public string FieldPath => TemplateRef is not null ? $"{Path}.templateRef" : Template is not null && Kind is ReferenceKind.Step or ReferenceKind.Task ? $"{Path}.template" : Path;

    /// <summary>True when the callee sees <c>workflow.failures</c>, which Argo sets for exit handlers only.</summary>
    public bool IsExitScope => Kind is ReferenceKind.ExitHandler;
}

/// <summary>Lists every template reference of a spec.</summary>
internal static class TemplateReferences
{
    public static IEnumerable<TemplateReference> All(ValidationContext context)
    {
        var spec = context.Spec;
        if (spec.Entrypoint is { } entry)
        {
            yield return new TemplateReference(ReferenceKind.Entrypoint, "spec.entrypoint", "spec.entrypoint", entry, null, spec.Arguments, null);
        }

        if (spec.OnExit is { } onExit)
        {
            // Upstream calls the workflow's exit handler with the workflow's arguments (WorkflowSpec.GetExitHook).
            yield return new TemplateReference(ReferenceKind.ExitHandler, "spec.onExit", "spec.onExit", onExit, null, spec.Arguments, null);
        }

        foreach (var reference in Hooks(spec.Hooks, "spec.hooks", "spec.hooks", null))
        {
            // The workflow's exit hook without arguments of its own takes the workflow's (upstream's WithArgs).
            yield return reference.Kind == ReferenceKind.ExitHandler && reference.Arguments.Parameters.Count == 0
                ? reference with { Arguments = spec.Arguments }
                : reference;
        }

        foreach (var template in spec.Templates)
        {
            var path = context.TemplatePath(template);
            var argo = $"templates.{template.Name}";
            foreach (var reference in Hooks(template.Hooks, $"{path}.hooks", $"{argo}.hooks", template))
            {
                yield return reference;
            }

            foreach (var (invocation, invocationPath, argoPath) in Invocations(template, path, argo))
            {
                var kind = invocation is DagTask ? ReferenceKind.Task : ReferenceKind.Step;
                yield return new TemplateReference(kind, invocationPath, argoPath, invocation.Template, invocation.TemplateRef, invocation.Arguments, template, invocation.Inline);
                if (invocation.OnExit is { } stepExit)
                {
                    yield return new TemplateReference(ReferenceKind.ExitHandler, $"{invocationPath}.onExit", $"{argoPath}.onExit", stepExit, null, Arguments.None, template);
                }

                foreach (var reference in Hooks(invocation.Hooks, $"{invocationPath}.hooks", $"{argoPath}.hooks", template))
                {
                    yield return reference;
                }
            }
        }
    }

    /// <summary>Every step and task of <paramref name="template"/> with its spec path and Argo path.</summary>
    public static IEnumerable<(TemplateInvocation Invocation, string Path, string ArgoPath)> Invocations(Template template, string path, string argo)
    {
        switch (template.Body)
        {
            case StepsBody steps:
                for (var g = 0; g < steps.Groups.Count; g++)
                {
                    for (var s = 0; s < steps.Groups[g].Count; s++)
                    {
                        var step = steps.Groups[g][s];
                        yield return (step, $"{path}.steps[{g}][{s}]", $"{argo}.steps[{g}].{step.Name}");
                    }
                }

                break;
            case DagBody dag:
                for (var t = 0; t < dag.Tasks.Count; t++)
                {
                    yield return (dag.Tasks[t], $"{path}.dag.tasks[{t}]", $"{argo}.tasks.{dag.Tasks[t].Name}");
                }

                break;
        }
    }

    private static IEnumerable<TemplateReference> Hooks(IReadOnlyDictionary<string, LifecycleHook> hooks, string path, string argo, Template? caller) =>
        hooks.Select(pair => new TemplateReference(
            pair.Key == LifecycleHook.ExitHookName ? ReferenceKind.ExitHandler : ReferenceKind.Hook,
            $"{path}.{pair.Key}", $"{argo}.{pair.Key}", pair.Value.Template, pair.Value.TemplateRef, pair.Value.Arguments, caller));
}
