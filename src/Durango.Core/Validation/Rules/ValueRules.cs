using System.Globalization;
using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// Numbers, durations and enumerations parse: retry limits and back-off, deadlines, timeouts, suspend
/// durations, sequences, parameter enums; and every condition (<c>when</c>, retry and output expressions,
/// <c>successCondition</c>) is valid syntax in its dialect.
/// </summary>
internal sealed class ValueRules : IValidationRule
{
    private static readonly HashSet<string> RetryPolicies = ["Always", "OnFailure", "OnError", "OnTransientError"];

    public void Check(ValidationContext context)
    {
        var spec = context.Document.Spec;
        CheckInteger(context, "spec.activeDeadlineSeconds", spec.ActiveDeadlineSeconds, "activeDeadlineSeconds");
        CheckRetry(context, "spec.retryStrategy", spec.RetryStrategy);
        foreach (var parameter in spec.Arguments.Parameters.Select((p, i) => (p, i)))
        {
            CheckEnum(context, $"spec.arguments.parameters[{parameter.i}]", parameter.p);
        }

        foreach (var template in spec.Templates)
        {
            var path = context.TemplatePath(template);
            CheckInteger(context, $"{path}.activeDeadlineSeconds", template.ActiveDeadlineSeconds, "activeDeadlineSeconds");
            CheckDuration(context, $"{path}.timeout", template.Timeout, "timeout");
            CheckRetry(context, $"{path}.retryStrategy", template.RetryStrategy);
            for (var i = 0; i < template.Inputs.Parameters.Count; i++)
            {
                CheckEnum(context, $"{path}.inputs.parameters[{i}]", template.Inputs.Parameters[i]);
            }

            for (var i = 0; i < template.Outputs.Parameters.Count; i++)
            {
                CheckSyntax(context, $"{path}.outputs.parameters[{i}].valueFrom.expression", template.Outputs.Parameters[i].ValueFrom?.Expression, ExpressionDialect.Expr);
            }

            switch (template.Body)
            {
                case SuspendBody suspend:
                    CheckDuration(context, $"{path}.suspend.duration", suspend.Duration, "suspend duration");
                    break;
                case HttpBody http:
                    CheckSyntax(context, $"{path}.http.successCondition", http.Http.SuccessCondition, ExpressionDialect.Expr);
                    break;
            }

            foreach (var (invocation, invocationPath, _) in TemplateReferences.Invocations(template, path, template.Name))
            {
                CheckSyntax(context, $"{invocationPath}.when", invocation.When, ExpressionDialect.Govaluate);
                if (invocation.WithSequence is { } sequence)
                {
                    CheckInteger(context, $"{invocationPath}.withSequence.count", sequence.Count, "count");
                    CheckInteger(context, $"{invocationPath}.withSequence.start", sequence.Start, "start");
                    CheckInteger(context, $"{invocationPath}.withSequence.end", sequence.End, "end");
                    if (sequence.Count is not null && sequence.End is not null)
                    {
                        context.Error(DiagnosticCodes.BadValue, $"{invocationPath}.withSequence", "withSequence takes either 'count' or 'end', not both");
                    }
                }

                if (new[] { invocation.WithItems is not null, invocation.WithParam is not null, invocation.WithSequence is not null }.Count(b => b) > 1)
                {
                    context.Error(DiagnosticCodes.BadValue, invocationPath, "use only one of withItems, withParam and withSequence");
                }
            }
        }
    }

    private static void CheckRetry(ValidationContext context, string path, RetryStrategy? retry)
    {
        if (retry is null)
        {
            return;
        }

        CheckInteger(context, $"{path}.limit", retry.Limit, "retry limit");
        if (retry.RetryPolicy is { } policy && !RetryPolicies.Contains(policy))
        {
            context.Error(DiagnosticCodes.BadValue, $"{path}.retryPolicy",
                $"retryPolicy '{policy}' is not one of {string.Join(", ", RetryPolicies)}");
        }

        if (retry.Backoff is { } backoff)
        {
            CheckDuration(context, $"{path}.backoff.duration", backoff.Duration, "backoff duration");
            CheckDuration(context, $"{path}.backoff.maxDuration", backoff.MaxDuration, "backoff maxDuration");
            CheckDuration(context, $"{path}.backoff.cap", backoff.Cap, "backoff cap");
            CheckInteger(context, $"{path}.backoff.factor", backoff.Factor, "backoff factor");
        }

        CheckSyntax(context, $"{path}.expression", retry.Expression, ExpressionDialect.Expr);
    }

    private static void CheckInteger(ValidationContext context, string path, string? value, string what)
    {
        if (value is null || IsTemplated(value) || long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        context.Error(DiagnosticCodes.BadValue, path, $"{what} must be a whole number, not '{value}'");
    }

    private static void CheckDuration(ValidationContext context, string path, string? value, string what)
    {
        if (value is null || IsTemplated(value) || ArgoDuration.TryParse(value, out _))
        {
            return;
        }

        context.Error(DiagnosticCodes.BadValue, path, $"{what} '{value}' is not a duration; write seconds (30) or a Go duration (1m30s)");
    }

    private static void CheckEnum(ValidationContext context, string path, Parameter parameter)
    {
        var value = parameter.Value ?? parameter.Default;
        if (parameter.Enum is { Count: > 0 } allowed && value is not null && !IsTemplated(value) && !allowed.Contains(value))
        {
            context.Error(DiagnosticCodes.BadValue, path,
                $"parameter '{parameter.Name}' is '{value}', which is not one of its enum values {string.Join(", ", allowed)}");
        }
    }

    private static void CheckSyntax(ValidationContext context, string path, string? expression, ExpressionDialect dialect)
    {
        if (expression is not null && ExpressionSyntax.Check(expression, dialect) is { } error)
        {
            context.Error(DiagnosticCodes.ExpressionSyntax, path, $"invalid expression '{Excerpt.Of(expression)}': {error}");
        }
    }

    private static bool IsTemplated(string value) => value.Contains("{{", StringComparison.Ordinal);
}
