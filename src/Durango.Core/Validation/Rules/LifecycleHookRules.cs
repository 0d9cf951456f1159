using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// Lifecycle hooks: every hook but <c>exit</c> needs an <c>expression</c> that parses; the workflow-level exit
/// hook ignores its expression; <c>onExit</c> wins over <c>hooks.exit</c>; hooks on a template itself never run.
/// </summary>
internal sealed class LifecycleHookRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        var spec = context.Document.Spec;
        CheckHooks(context, spec.Hooks, "spec.hooks", "spec.hooks", workflowLevel: true);
        if (spec.OnExit is not null && spec.Hooks.ContainsKey(LifecycleHook.ExitHookName))
        {
            context.Warning(DiagnosticCodes.Hook, "spec.hooks.exit",
                "both spec.onExit and spec.hooks.exit are set; onExit wins and hooks.exit never runs; remove one");
        }

        foreach (var template in spec.Templates)
        {
            var path = context.TemplatePath(template);
            CheckHooks(context, template.Hooks, $"{path}.hooks", $"templates.{template.Name}.hooks", workflowLevel: false);
            if (template.Hooks.Count > 0)
            {
                // Argo's Template has no hooks field: Kubernetes drops it and the hooks never run (upstream
                // functional_test.go TestWorkflowLifecycleHookWithWorkflowTemplate succeeds without running one).
                context.Warning(DiagnosticCodes.Hook, $"{path}.hooks",
                    "hooks on a template never run, as in Argo; put them on the step or task that calls this template, or in spec.hooks");
            }
            foreach (var (invocation, invocationPath, argoPath) in TemplateReferences.Invocations(template, path, $"templates.{template.Name}"))
            {
                // Upstream names a step's hook without ".hooks" (validate.go: templates.main.steps[0].step-1.foo).
                CheckHooks(context, invocation.Hooks, $"{invocationPath}.hooks", argoPath, workflowLevel: false);
            }
        }
    }

    private static void CheckHooks(ValidationContext context, IReadOnlyDictionary<string, LifecycleHook> hooks, string path, string argo, bool workflowLevel)
    {
        foreach (var (name, hook) in hooks)
        {
            var hookPath = $"{path}.{name}";
            if (name == LifecycleHook.ExitHookName)
            {
                if (workflowLevel && hook.Expression is not null)
                {
                    context.Warning(DiagnosticCodes.Hook, $"{hookPath}.expression",
                        "the workflow's exit hook always runs; its expression is ignored (remove it, or rename the hook)");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(hook.Expression))
            {
                context.Error(DiagnosticCodes.Hook, hookPath,
                    $"{argo}.{name} Expression required; add 'expression:' (e.g. workflow.status == \"Failed\") or name the hook 'exit'");
                continue;
            }

            if (ExpressionSyntax.Check(hook.Expression, ExpressionDialect.Expr) is { } error)
            {
                context.Error(DiagnosticCodes.ExpressionSyntax, $"{hookPath}.expression", $"{argo}.{name}: invalid expression: {error}");
            }
        }
    }
}
