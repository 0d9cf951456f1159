using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Api.Workflows;

/// <summary>
/// The <c>spec</c> of each workflow as JSON, converted from its YAML source once and kept: a watch, the CLI's live
/// tree and the web view read a workflow again and again, and parsing its YAML each time cost more than the rest of
/// the read. Keyed by workflow name and checked against the source itself, so a workflow started again with another
/// spec (retry with new parameters, a name reused after delete) is converted again. Holds at most
/// <see cref="Capacity"/> workflows; past that it starts over.
/// </summary>
internal sealed class WorkflowSpecs
{
    /// <summary>How many workflows' specs are kept.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<string, (string Source, int Index, JsonNode? Spec)> _specs = new(StringComparer.Ordinal);
    private int _conversions;

    /// <summary>How many times a YAML source was converted.</summary>
    public int Conversions => _conversions;

    /// <summary>
    /// A copy of the <c>spec</c> of document <paramref name="index"/> of <paramref name="source"/> (workflow
    /// <paramref name="name"/>); null when there is none. Its <c>arguments.parameters</c> show the values of
    /// <paramref name="parameters"/>, the ones the workflow runs with (a submission's, retry's or resubmit's overrides),
    /// as upstream writes them into the stored workflow's spec.
    /// </summary>
    public JsonNode? Of(string name, string source, int index, IReadOnlyList<Parameter>? parameters = null)
    {
        if (!_specs.TryGetValue(name, out var known) || known.Index != index || !string.Equals(known.Source, source, StringComparison.Ordinal))
        {
            if (_specs.Count >= Capacity)
            {
                _specs.Clear();
            }

            Interlocked.Increment(ref _conversions);
            known = (source, index, YamlJson.Convert(source, index)?["spec"]);
            _specs[name] = known;
        }

        // Callers change what they get (a suspended workflow's spec gains suspend: true): never the kept one.
        var spec = known.Spec?.DeepClone();
        if (spec?["arguments"]?["parameters"] is JsonArray written && parameters is not null)
        {
            foreach (var entry in written.OfType<JsonObject>())
            {
                if (entry["name"]?.GetValueKind() == JsonValueKind.String
                    && parameters.FirstOrDefault(p => p.Name == entry["name"]!.GetValue<string>()) is { Value: { } value })
                {
                    entry["value"] = value;
                }
            }
        }

        return spec;
    }
}
