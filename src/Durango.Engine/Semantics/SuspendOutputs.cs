using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's outputs of a suspend node (<c>addRawOutputFields</c> in workflow/controller/operator.go, <c>updateSuspendedNode</c>
/// and <c>OverrideOutputParametersWithDefault</c> in workflow/util/util.go). While the node waits, each <c>supplied</c>
/// output is listed on it still to be given (<see cref="Awaited"/>); <c>set</c> gives values, each once
/// (<see cref="SetRefusal"/>, <see cref="WithSet"/>), and leaves the node waiting; a resume ends it, refused while an
/// output has neither a value nor a default (<see cref="ResumeRefusal"/>). The final outputs are the values set, else
/// the parameter's default; a <c>supplied</c> output without a default takes the default of the input of the same name,
/// so a suspend that times out still gives its outputs.
/// </summary>
public static class SuspendOutputs
{
    /// <summary>The output parameters of suspend template <paramref name="template"/>, given the values set.</summary>
    public static IReadOnlyList<ParameterValue> Resolve(Template template, IReadOnlyDictionary<string, string>? set) =>
        template.Outputs.Parameters
            .Select(p => new ParameterValue(p.Name, set?.GetValueOrDefault(p.Name) ?? DefaultOf(template, p) ?? p.Value))
            .ToList();

    /// <summary>
    /// The outputs a waiting suspend node of <paramref name="template"/> shows: each <c>supplied</c> output, still to be
    /// given, with its default; null when it declares none (Argo then refuses output values in a <c>set</c>).
    /// </summary>
    public static NodeOutputs? Awaited(Template template)
    {
        var supplied = template.Outputs.Parameters
            .Where(p => p.ValueFrom is { Supplied: true })
            .Select(p => new ParameterValue(p.Name, null) { ValueFrom = new SuppliedValue(DefaultOf(template, p)) })
            .ToList();
        return supplied.Count == 0 ? null : new NodeOutputs { Parameters = supplied };
    }

    /// <summary>
    /// Why <c>set</c> may not give waiting suspend node <paramref name="node"/> the output values <paramref name="values"/>,
    /// in upstream's words; null when it may.
    /// </summary>
    public static string? SetRefusal(NodeStatus node, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (node.Outputs is not { Parameters.Count: > 0 } outputs)
        {
            return "cannot set output parameters because node is not expecting any raw parameters";
        }

        foreach (var name in values.Keys.Order(StringComparer.Ordinal))
        {
            var parameter = outputs.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                return $"node is not expecting output parameter '{name}'";
            }

            if (parameter.ValueFrom is null)
            {
                return $"cannot set output parameter '{name}' because it does not use valueFrom.raw or it was already set";
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="outputs"/> (a waiting node's) with <paramref name="values"/> given: each output still to be
    /// supplied that a value names takes it and waits no more; one already given keeps its value.
    /// </summary>
    public static NodeOutputs? WithSet(NodeOutputs? outputs, IReadOnlyDictionary<string, string>? values) =>
        outputs is null || values is null || values.Count == 0
            ? outputs
            : outputs with
            {
                Parameters = outputs.Parameters
                    .Select(p => p.ValueFrom is not null && values.TryGetValue(p.Name, out var value) ? new ParameterValue(p.Name, value) : p)
                    .ToList(),
            };

    /// <summary>The values <c>set</c> has given so far on a waiting node's <paramref name="outputs"/>.</summary>
    public static IReadOnlyDictionary<string, string> Given(NodeOutputs? outputs) =>
        (outputs?.Parameters ?? []).Where(p => p.ValueFrom is null && p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);

    /// <summary>
    /// Why a resume may not end waiting suspend node <paramref name="node"/>, in upstream's words: an output nothing
    /// set that has no default. Null when it may.
    /// </summary>
    public static string? ResumeRefusal(NodeStatus node) =>
        (node.Outputs?.Parameters ?? [])
            .Where(p => p.ValueFrom is { Default: null })
            .Select(p => Unset(p.Name))
            .FirstOrDefault();

    /// <summary>
    /// Why a suspend node that timed out (no resume) fails, as upstream's <c>OverrideOutputParametersWithDefault</c>:
    /// a <c>supplied</c> output that nothing set and that has no default; null when every output has a value.
    /// </summary>
    public static string? MissingOnTimeout(Template template, IReadOnlyList<ParameterValue> outputs) =>
        template.Outputs.Parameters
            .Where(p => p.ValueFrom is { Supplied: true } && outputs.FirstOrDefault(o => o.Name == p.Name)?.Value is null)
            .Select(p => Unset(p.Name))
            .FirstOrDefault();

    private static string Unset(string name) => $"raw output parameter '{name}' has not been set and does not have a default value";

    private static string? DefaultOf(Template template, Parameter output) => output.ValueFrom?.Default ?? output.Default ?? InputDefault(template, output);

    private static string? InputDefault(Template template, Parameter output) =>
        output.ValueFrom is { Supplied: true }
            ? template.Inputs.Parameters.FirstOrDefault(i => i.Name == output.Name)?.Default
            : null;
}
