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

    /// <summary>
    /// Why a suspend node that timed out (no resume) fails, as upstream's <c>OverrideOutputParametersWithDefault</c>:
    /// a <c>supplied</c> output that nothing set and that has no default; null when every output has a value.
    /// </summary>
    public static string? MissingOnTimeout(Template template, IReadOnlyList<ParameterValue> outputs) =>
        template.Outputs.Parameters
            .Where(p => p.ValueFrom is { Supplied: true } && outputs.FirstOrDefault(o => o.Name == p.Name)?.Value is null)
            .Select(p => $"raw output parameter '{p.Name}' has not been set and does not have a default value")
            .FirstOrDefault();

    private static string? InputDefault(Template template, Parameter output) =>
        output.ValueFrom is { Supplied: true }
            ? template.Inputs.Parameters.FirstOrDefault(i => i.Name == output.Name)?.Default
            : null;
}
