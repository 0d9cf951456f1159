using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's outputs of a suspend node (<c>addRawOutputFields</c> in workflow/controller/operator.go): the value set on
/// resume, else the parameter's default; a <c>supplied</c> output without a default takes the default of the input of
/// the same name, so a suspend that times out still gives its outputs.
/// </summary>
public static class SuspendOutputs
{
    /// <summary>The output parameters of suspend template <paramref name="template"/>, given the values set on resume.</summary>
    public static IReadOnlyList<ParameterValue> Resolve(Template template, IReadOnlyDictionary<string, string>? set) =>
        template.Outputs.Parameters
            .Select(p => new ParameterValue(p.Name, set?.GetValueOrDefault(p.Name) ?? p.ValueFrom?.Default ?? p.Default ?? InputDefault(template, p) ?? p.Value))
            .ToList();

    private static string? InputDefault(Template template, Parameter output) =>
        output.ValueFrom is { Supplied: true }
            ? template.Inputs.Parameters.FirstOrDefault(i => i.Name == output.Name)?.Default
            : null;
}
