using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// Every <c>{{= }}</c> in a parameter's <c>value</c> or <c>default</c> (workflow arguments, template inputs and
/// outputs, <c>valueFrom.default</c>) parses and calls only known functions. <see cref="VariableRules"/> covers
/// bodies, arguments and <c>when</c>; without this an unknown function in an input's default passed lint and
/// reached the step as literal text.
/// </summary>
internal sealed class ParameterExpressionRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        CheckParameters(context, "spec.arguments.parameters", context.Document.Spec.Arguments.Parameters);
        foreach (var template in context.Document.Spec.Templates)
        {
            var path = context.TemplatePath(template);
            CheckParameters(context, $"{path}.inputs.parameters", template.Inputs.Parameters);
            CheckParameters(context, $"{path}.outputs.parameters", template.Outputs.Parameters);
        }
    }

    private static void CheckParameters(ValidationContext context, string path, IReadOnlyList<Parameter> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            CheckTags(context, $"{path}[{i}].value", parameters[i].Value);
            CheckTags(context, $"{path}[{i}].default", parameters[i].Default);
            CheckTags(context, $"{path}[{i}].valueFrom.default", parameters[i].ValueFrom?.Default);
        }
    }

    private static void CheckTags(ValidationContext context, string path, string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var tag in TemplateTags.Scan(text).Distinct().Where(t => t.IsExpression))
        {
            if (ExpressionSyntax.Check(tag.Content, ExpressionDialect.Expr) is { } error)
            {
                context.Error(DiagnosticCodes.ExpressionSyntax, path, $"invalid expression in '{{{{={Excerpt.Of(tag.Content)}}}}}': {error}");
            }
        }
    }
}
