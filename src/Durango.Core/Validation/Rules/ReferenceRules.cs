using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// The entrypoint, every step, task, hook and exit handler names a template that exists (in the spec or, by
/// <c>templateRef</c>, in a stored template), and supplies the inputs that template requires.
/// </summary>
internal sealed class ReferenceRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        if (context.Document.Spec.WorkflowTemplateRef is { } wtr && context.Registry.Find(wtr.Name, wtr.ClusterScope) is null)
        {
            // Without the referenced spec nothing else can be checked; one clear error beats a cascade.
            context.Error(DiagnosticCodes.UnknownTemplate, "spec.workflowTemplateRef",
                $"{Scope(wtr.ClusterScope)} '{wtr.Name}' not found; install it before submitting this workflow");
            return;
        }

        if (context.Document.Kind.IsRunnable() && context.Spec.Entrypoint is null)
        {
            context.Error(DiagnosticCodes.Required, "spec.entrypoint",
                "spec.entrypoint is required; name the template the workflow starts with");
        }

        foreach (var reference in TemplateReferences.All(context))
        {
            if (Resolve(context, reference) is { } callee)
            {
                CheckArguments(context, reference, callee);
            }
        }
    }

    private static Template? Resolve(ValidationContext context, TemplateReference reference)
    {
        var what = reference.Kind switch
        {
            ReferenceKind.Hook or ReferenceKind.ExitHandler when reference.Caller is not null || reference.Path.StartsWith("spec.hooks", StringComparison.Ordinal) => "hook",
            _ => "step",
        };
        if (new[] { reference.Template is not null, reference.TemplateRef is not null, reference.Inline is not null }.Count(b => b) > 1)
        {
            context.Error(DiagnosticCodes.UnknownTemplate, reference.Path,
                $"{reference.ArgoPath} sets more than one of template, templateRef and inline; keep one");
            return null;
        }

        if (reference.Inline is not null)
        {
            return reference.Inline;
        }

        if (reference.TemplateRef is { } templateRef)
        {
            var stored = context.Registry.Find(templateRef.Name, templateRef.ClusterScope);
            if (stored is null)
            {
                context.Error(DiagnosticCodes.UnknownTemplate, reference.FieldPath,
                    $"{reference.ArgoPath}: {Scope(templateRef.ClusterScope)} '{templateRef.Name}' not found; install it first, or check clusterScope");
                return null;
            }

            var found = stored.FindTemplate(templateRef.Template);
            if (found is null)
            {
                context.Error(DiagnosticCodes.UnknownTemplate, reference.FieldPath,
                    $"{reference.ArgoPath}: template '{templateRef.Template}' not found in {Scope(templateRef.ClusterScope)} '{templateRef.Name}'; it has {Names(stored.Spec.Templates)}");
            }

            return found;
        }

        if (reference.Template is null)
        {
            context.Error(DiagnosticCodes.Required, reference.Path,
                $"{reference.ArgoPath} names no template; set 'template' or 'templateRef' on this {what}");
            return null;
        }

        var template = context.FindTemplate(reference.Template);
        if (template is null)
        {
            context.Error(DiagnosticCodes.UnknownTemplate, reference.FieldPath,
                $"{reference.ArgoPath} template name '{reference.Template}' undefined; define a template named '{reference.Template}' or use one of {Names(context.Spec.Templates)}");
        }

        return template;
    }

    private static void CheckArguments(ValidationContext context, TemplateReference reference, Template callee)
    {
        foreach (var input in callee.Inputs.Parameters)
        {
            // The entrypoint and the workflow's exit handler take the workflow's arguments, and a WorkflowTemplate's
            // arguments come from whoever submits it.
            var fromWorkflow = reference.Kind == ReferenceKind.Entrypoint || (reference.Kind == ReferenceKind.ExitHandler && reference.Caller is null);
            var supplied = (reference.Arguments.Find(input.Name) is { } argument
                && (argument.Value is not null || argument.ValueFrom is not null || argument.Default is not null || fromWorkflow))
                || (fromWorkflow && !context.Document.Kind.IsRunnable());
            if (input.Value is null && input.Default is null && input.ValueFrom is null && !supplied)
            {
                var fix = reference.Kind is ReferenceKind.Entrypoint or ReferenceKind.ExitHandler && reference.Caller is null
                    ? "add it to spec.arguments.parameters or give the input a default"
                    : "pass it in this step's arguments.parameters or give the input a default";
                context.Error(DiagnosticCodes.MissingParameter, reference.Path,
                    $"{reference.ArgoPath}.arguments.parameters.{input.Name} was not supplied (template '{callee.Name}' needs it); {fix}");
            }
        }
    }

    private static string Scope(bool cluster) => cluster ? "ClusterWorkflowTemplate" : "WorkflowTemplate";

    private static string Names(IReadOnlyList<Template> templates) =>
        templates.Count == 0 ? "no templates" : string.Join(", ", templates.Select(t => $"'{t.Name}'"));
}
