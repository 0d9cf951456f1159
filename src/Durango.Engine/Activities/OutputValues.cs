using System.Text.Json;
using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Durango.Engine.Stores;

namespace Durango.Engine.Activities;

/// <summary>
/// The I/O side of <see cref="OutputReferences"/>, for activities: stores outputs over the inline limit and reads
/// the values behind tokens, so that a leaf runs with the real values and history keeps only the tokens.
/// </summary>
public sealed class OutputValues(IOutputStore store, DurangoOptions options)
{
    /// <summary><paramref name="outputs"/> of node <paramref name="nodeId"/>, with every large value stored and replaced by its token.</summary>
    public async Task<NodeOutputs> OffloadAsync(string workflow, string nodeId, NodeOutputs outputs, CancellationToken cancellationToken = default)
    {
        var (offloaded, stored) = OutputReferences.Offload(workflow, nodeId, outputs, options.OutputInlineBytes);
        foreach (var (reference, value) in stored)
        {
            await store.PutAsync(reference.Workflow, reference.Key, value, cancellationToken).ConfigureAwait(false);
        }

        return offloaded;
    }

    /// <summary>The values behind <paramref name="tokens"/>, keyed by token; a token whose value is gone is left out.</summary>
    public async Task<Dictionary<string, string>> ReadAsync(IEnumerable<string> tokens, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in tokens.SelectMany(OutputReferences.Find).Distinct())
        {
            if (await store.GetAsync(reference.Workflow, reference.Key, cancellationToken).ConfigureAwait(false) is { } value)
            {
                values[reference.Token] = value;
            }
        }

        return values;
    }

    /// <summary><paramref name="outputs"/> with every token replaced by its value (a value that is gone keeps its token).</summary>
    public async Task<NodeOutputs> InlineAsync(NodeOutputs outputs, CancellationToken cancellationToken = default)
    {
        var texts = outputs.Parameters.Select(p => p.Value).Append(outputs.Result).OfType<string>().ToList();
        if (!texts.Any(OutputReferences.Contains))
        {
            return outputs;
        }

        var values = await ReadAsync(texts, cancellationToken).ConfigureAwait(false);
        string? Inline(string? text) => text is null ? null : OutputReferences.Expand(text, values).Text ?? text;
        return outputs with
        {
            Result = Inline(outputs.Result),
            Parameters = outputs.Parameters.Select(p => p with { Value = Inline(p.Value) }).ToList(),
        };
    }

    /// <summary><paramref name="template"/> with every token in any of its texts replaced by its value.</summary>
    public async Task<(Template? Template, string? Error)> ExpandAsync(Template template, CancellationToken cancellationToken = default)
    {
        // The template travels as JSON anyway; swapping tokens in its JSON reaches every text field of every kind.
        var json = DurablePayloads.Converter.Serialize(template)!;
        if (!OutputReferences.Contains(json))
        {
            return (template, null);
        }

        var values = await ReadAsync([json], cancellationToken).ConfigureAwait(false);
        var (expanded, error) = OutputReferences.Expand(json, values, value => JsonSerializer.Serialize(value)[1..^1]);
        return error is null ? (DurablePayloads.Converter.Deserialize<Template>(expanded), null) : (null, error);
    }
}
