using System.Text.Json;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>A template's input values, or why they could not be bound.</summary>
public sealed record BoundInputs(IReadOnlyList<ParameterValue> Parameters, string? Error)
{
    /// <summary>The variables the template body sees: <c>inputs.parameters.x</c> and <c>inputs.parameters</c> (JSON).</summary>
    public Dictionary<string, string> Variables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["inputs.parameters"] = JsonSerializer.Serialize(Parameters.Select(p => new { name = p.Name, value = p.Value })),
        };
        foreach (var parameter in Parameters)
        {
            variables[$"inputs.parameters.{parameter.Name}"] = parameter.Value ?? string.Empty;
        }

        return variables;
    }
}

/// <summary>
/// Argo's rule for a template's input parameters: the caller's argument wins, then the input's own
/// <c>value</c>, then its <c>default</c>; a parameter with none is an error, as is a value outside <c>enum</c>.
/// Arguments arrive already substituted in the caller's scope; the template's own values see the globals.
/// </summary>
public static class InputBinder
{
    /// <summary>
    /// The key under which <see cref="Arguments"/> hands on an argument expression that failed (no parameter can be
    /// named so): <see cref="Bind"/> turns it into the node's error, wherever the arguments travel to be bound.
    /// </summary>
    public const string FailedArgument = "\u0000failed";

    /// <summary>Binds <paramref name="inputs"/> from <paramref name="arguments"/>.</summary>
    public static BoundInputs Bind(Inputs inputs, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, string> globals)
    {
        var bound = new List<ParameterValue>();
        if (arguments.TryGetValue(FailedArgument, out var failed))
        {
            return new BoundInputs(bound, failed);
        }

        foreach (var parameter in inputs.Parameters)
        {
            // An argument that only referred to an absent optional counts as not supplied (upstream ProcessArgs).
            var supplied = arguments.TryGetValue(parameter.Name, out var argument) && !AbsentOptional.Is(argument);
            var value = supplied ? argument
                : parameter.Value is { } own ? WithGlobals(own, globals)
                : parameter.Default is { } fallback ? WithGlobals(fallback, globals)
                : null;
            if (value is null)
            {
                return new BoundInputs(bound, AbsentOptional.Is(argument)
                    ? AbsentOptional.ArgumentError(parameter.Name)
                    : $"inputs.parameters.{parameter.Name} was not supplied");
            }

            bound.Add(new ParameterValue(parameter.Name, value));
        }

        bound = SeeEachOther(bound, globals);
        for (var i = 0; i < bound.Count; i++)
        {
            if (inputs.Parameters[i].Enum is { Count: > 0 } allowed && !allowed.Contains(bound[i].Value))
            {
                return new BoundInputs(bound, $"value '{bound[i].Value}' of inputs.parameters.{bound[i].Name} is not one of {string.Join(", ", allowed)}");
            }
        }

        return new BoundInputs(bound, null);
    }

    /// <summary>
    /// Upstream's first pass: globals only. Text that reads inputs waits for the second pass, as upstream leaves an
    /// expression with an identifier not yet in scope unresolved rather than evaluating it with nil.
    /// </summary>
    private static string WithGlobals(string text, IReadOnlyDictionary<string, string> globals) =>
        text.Contains("inputs.", StringComparison.Ordinal) ? text : TemplateTags.Substitute(text, globals).Text;

    /// <summary>
    /// Upstream's second pass (workflow/common/util.go, SubstituteParams): once every input has a value, tags left in
    /// those values are substituted again with the inputs in scope, so an input's value may use another input.
    /// </summary>
    private static List<ParameterValue> SeeEachOther(List<ParameterValue> bound, IReadOnlyDictionary<string, string> globals)
    {
        if (!bound.Any(p => p.Value?.Contains("{{", StringComparison.Ordinal) == true))
        {
            return bound;
        }

        var scope = new Dictionary<string, string>(globals, StringComparer.Ordinal);
        foreach (var (key, value) in new BoundInputs(bound, null).Variables())
        {
            scope[key] = value;
        }

        return bound.Select(p => p with { Value = p.Value is { } text ? TemplateTags.Substitute(text, scope).Text : null }).ToList();
    }

    /// <summary>
    /// Substitutes the caller's <paramref name="arguments"/> in the caller's scope with <paramref name="evaluator"/>.
    /// Unresolved tags stay as written, as Argo leaves them for exit hooks reading outputs a failed step never wrote;
    /// an argument that is only a reference to an <see cref="AbsentOptional"/> hands the marker on for <see cref="Bind"/>;
    /// an expression that fails (an error, a limit) fails the node, as in Argo, through <see cref="FailedArgument"/>.
    /// </summary>
    public static Dictionary<string, string> Arguments(Arguments arguments, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator? evaluator = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in arguments.Parameters)
        {
            var text = parameter.Value ?? parameter.Default;
            if (text is not null && AbsentOptional.PureReference(text) is { } key
                && scope.TryGetValue(key, out var referenced) && AbsentOptional.Is(referenced))
            {
                values[parameter.Name] = AbsentOptional.Value;
            }
            else if (text is not null)
            {
                var substituted = TemplateTags.Substitute(text, scope, evaluator);
                if (substituted.Errors.Count > 0)
                {
                    values[FailedArgument] = $"failed to evaluate the argument {parameter.Name}: {substituted.Errors[0]}";
                }

                values[parameter.Name] = substituted.Text;
            }
        }

        ArtifactRules.AddArguments(values, arguments.Artifacts, scope, evaluator);
        return values;
    }
}
