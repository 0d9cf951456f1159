using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>A steps or DAG template's outputs, or the first that could not be resolved.</summary>
public sealed record ResolvedOutputs(NodeOutputs Outputs, string? Error);

/// <summary>
/// The outputs of a steps or DAG template: each parameter's <c>valueFrom.parameter</c> (a tag over the finished
/// steps or tasks), <c>valueFrom.expression</c> (expr-lang over the same scope) or <c>valueFrom.default</c>.
/// </summary>
public static class OutputResolver
{
    /// <summary>Resolves <paramref name="outputs"/> in <paramref name="scope"/>.</summary>
    public static ResolvedOutputs Resolve(Outputs outputs, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator evaluator)
    {
        var values = new List<ParameterValue>();
        foreach (var parameter in outputs.Parameters)
        {
            string? value = null;
            if (parameter.ValueFrom?.Parameter is { } reference)
            {
                var substituted = TemplateTags.Substitute(reference, scope);
                value = substituted.Complete ? substituted.Text : null;
            }
            else if (parameter.ValueFrom?.Expression is { } expression)
            {
                // An expression that fails, or gives nil (as over a skipped node's absent output), leaves the value
                // unresolved, so the parameter's default applies (upstream's TestDAGSkippedOutputExprDefaultAggregate).
                var result = evaluator.Evaluate(expression, ExpressionDialect.Expr, scope);
                value = result.Succeeded && result.Value is not null ? result.Text : null;
            }
            else if (parameter.Value is { } literal)
            {
                value = TemplateTags.Substitute(literal, scope).Text;
            }

            value ??= parameter.ValueFrom?.Default ?? parameter.Default;
            if (value is null)
            {
                return new ResolvedOutputs(new NodeOutputs { Parameters = values }, $"unable to resolve outputs.parameters.{parameter.Name}");
            }

            values.Add(new ParameterValue(parameter.Name, value));
        }

        var artifacts = ArtifactRules.ResolveOutputs(outputs, scope, evaluator);
        return new ResolvedOutputs(
            new NodeOutputs { Parameters = values, Artifacts = artifacts.Outputs.Count == 0 ? null : artifacts.Outputs }, artifacts.Error);
    }

    /// <summary>
    /// The <c>workflow.outputs.parameters.*</c> and <c>workflow.outputs.artifacts.*</c> that <paramref name="outputs"/>
    /// publish through <c>globalName</c>; a <c>globalName</c> with tags (<c>{{inputs.parameters.x}}</c>) takes them from
    /// <paramref name="scope"/>, as upstream substitutes the whole template before it runs.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Globals(Outputs declared, NodeOutputs? outputs, IReadOnlyDictionary<string, string>? scope = null)
    {
        if (outputs is null)
        {
            yield break;
        }

        string? Name(string? global) => global is null || scope is null ? global : TemplateTags.Substitute(global, scope).Text;
        foreach (var parameter in declared.Parameters)
        {
            if (Name(parameter.GlobalName) is { } global && outputs.Parameter(parameter.Name) is { } value)
            {
                yield return KeyValuePair.Create($"workflow.outputs.parameters.{global}", value);
            }
        }

        var artifacts = declared with { Artifacts = declared.Artifacts.Select(a => a with { GlobalName = Name(a.GlobalName) }).ToList() };
        foreach (var global in ArtifactRules.Globals(artifacts, outputs.Artifacts))
        {
            yield return global;
        }
    }
}
