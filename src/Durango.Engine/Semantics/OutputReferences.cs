using System.Text;
using System.Text.RegularExpressions;
using Durango.Engine.Model;

namespace Durango.Engine.Semantics;

/// <summary>One large output value: where it is stored and the token that stands for it in history.</summary>
/// <param name="Workflow">The workflow that produced it.</param>
/// <param name="Key">Its key in the output store, <c>{nodeId}/{name}</c>.</param>
public sealed record OutputReference(string Workflow, string Key)
{
    /// <summary>The token: <c>[durango-output:{workflow}/{nodeId}/{name}]</c>. The brackets end it even inside other text.</summary>
    public string Token => $"[{OutputReferences.Scheme}:{Workflow}/{Key}]";
}

/// <summary>
/// Large outputs by reference. Orchestration history must stay small (every replay reads it), so a result or
/// output parameter over the inline limit is stored in the output store and a token goes through history in its
/// place. Tags substitute the token like any value; the activity that runs a leaf swaps tokens for their values
/// just before running it, and the orchestration reads values only where it must look at them (a <c>when</c>, a
/// <c>withParam</c>, an expression).
/// </summary>
public static partial class OutputReferences
{
    /// <summary>The token's scheme.</summary>
    public const string Scheme = "durango-output";

    /// <summary>The reference for output <paramref name="name"/> of node <paramref name="nodeId"/>.</summary>
    public static OutputReference For(string workflow, string nodeId, string name) => new(workflow, $"{nodeId}/{name}");

    /// <summary>True when <paramref name="text"/> holds at least one token.</summary>
    public static bool Contains(string? text) => text is not null && text.Contains("[" + Scheme + ":", StringComparison.Ordinal);

    /// <summary>Every distinct reference in <paramref name="text"/>.</summary>
    public static IEnumerable<OutputReference> Find(string? text) => Contains(text)
        ? TokenPattern().Matches(text!).Select(m => new OutputReference(m.Groups["workflow"].Value, m.Groups["key"].Value)).Distinct()
        : [];

    /// <summary>
    /// <paramref name="text"/> with each token replaced by its value from <paramref name="values"/> (keyed by token),
    /// passed through <paramref name="encode"/> (JSON escaping when the text is JSON). A token without a value is an error.
    /// </summary>
    public static (string? Text, string? Error) Expand(string text, IReadOnlyDictionary<string, string> values, Func<string, string>? encode = null)
    {
        if (!Contains(text))
        {
            return (text, null);
        }

        string? missing = null;
        var expanded = TokenPattern().Replace(text, match =>
        {
            if (values.TryGetValue(match.Value, out var value))
            {
                return encode is null ? value : encode(value);
            }

            missing ??= match.Value;
            return match.Value;
        });
        return missing is null ? (expanded, null) : (null, $"output {missing} is no longer stored; it may have been deleted with its workflow");
    }

    /// <summary>
    /// False when a leaf's substituted template cannot hold a token, so that the activity need not look for one: tags
    /// put only values of <paramref name="scope"/> into it, and none holds one; it has no input artifacts (they come
    /// substituted from the caller's scope); and its own text holds none (<paramref name="inOwnText"/>, asked last: it
    /// costs a serialization the first time a template is asked about).
    /// </summary>
    public static bool MayReach(IReadOnlyDictionary<string, string> scope, IReadOnlyList<Core.Spec.Artifact>? inputArtifacts, Func<bool> inOwnText) =>
        scope.Values.Any(Contains) || inputArtifacts is { Count: > 0 } || inOwnText();

    /// <summary>
    /// <paramref name="outputs"/> with every value over <paramref name="inlineBytes"/> (UTF-8) replaced by a token,
    /// and the values to store under each reference.
    /// </summary>
    public static (NodeOutputs Outputs, IReadOnlyList<(OutputReference Reference, string Value)> Stored) Offload(
        string workflow, string nodeId, NodeOutputs outputs, int inlineBytes)
    {
        var stored = new List<(OutputReference, string)>();
        string? Keep(string name, string? value)
        {
            if (value is null || Encoding.UTF8.GetByteCount(value) <= inlineBytes)
            {
                return value;
            }

            var reference = For(workflow, nodeId, name);
            stored.Add((reference, value));
            return reference.Token;
        }

        var offloaded = outputs with
        {
            // "result" cannot clash with a parameter: parameters are stored under "parameters.{name}".
            Result = Keep("result", outputs.Result),
            Parameters = outputs.Parameters.Select(p => p with { Value = Keep("parameters." + p.Name, p.Value) }).ToList(),
        };
        return (stored.Count == 0 ? outputs : offloaded, stored);
    }

    [GeneratedRegex(@"\[durango-output:(?<workflow>[a-z0-9][a-z0-9.\-]*)/(?<key>[A-Za-z0-9._\-]+/[A-Za-z0-9._\-]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
