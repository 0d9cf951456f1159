using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>A hook that is due to run: its name, node name and the hook itself.</summary>
public sealed record DueHook(string Name, string NodeName, LifecycleHook Hook);

/// <summary>
/// Argo's lifecycle hooks. A hook other than <c>exit</c> fires at most once per parent node, the first time its
/// expression is true; the caller remembers which fired. A node's <c>exit</c> hook runs when the node completed
/// (not when Skipped or Omitted) and checks its expression; the workflow's exit hook ignores any expression.
/// Hooks are taken in name order, so that replays and reruns schedule them identically.
/// </summary>
public static class HookRules
{
    /// <summary>The node name of hook <paramref name="hook"/> of node <paramref name="parentNodeName"/>.</summary>
    public static string HookNodeName(string parentNodeName, string hook) => $"{parentNodeName}.hooks.{hook}";

    /// <summary>The node name of the exit handler of node <paramref name="parentNodeName"/>.</summary>
    public static string ExitNodeName(string parentNodeName) => $"{parentNodeName}.onExit";

    /// <summary>The hooks of <paramref name="parentNodeName"/> that fire now and have not fired before.</summary>
    public static IReadOnlyList<DueHook> Due(
        string parentNodeName, IReadOnlyDictionary<string, LifecycleHook> hooks, IReadOnlyDictionary<string, string> variables,
        IReadOnlySet<string> fired, IExpressionEvaluator evaluator)
    {
        var due = new List<DueHook>();
        foreach (var (name, hook) in hooks.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (name == LifecycleHook.ExitHookName || fired.Contains(name) || hook.Expression is null)
            {
                continue;
            }

            if (evaluator.Evaluate(hook.Expression, ExpressionDialect.Expr, variables).IsTrue)
            {
                due.Add(new DueHook(name, HookNodeName(parentNodeName, name), hook));
            }
        }

        return due;
    }

    /// <summary>
    /// The exit hook of a step or task (<c>hooks.exit</c>, or the older <c>onExit</c>), if it runs: only after
    /// the node completed, and only when its expression, if any, is true.
    /// </summary>
    public static DueHook? StepExit(
        string nodeName, TemplateInvocation invocation, bool completed, IReadOnlyDictionary<string, string> variables, IExpressionEvaluator evaluator)
    {
        var hook = invocation.Hooks.TryGetValue(LifecycleHook.ExitHookName, out var exit) ? exit
            : invocation.OnExit is { } onExit ? new LifecycleHook { Template = onExit } : null;
        if (hook is null || !completed)
        {
            return null;
        }

        if (hook.Expression is { } expression && !evaluator.Evaluate(expression, ExpressionDialect.Expr, variables).IsTrue)
        {
            return null;
        }

        return new DueHook(LifecycleHook.ExitHookName, ExitNodeName(nodeName), hook);
    }
}
