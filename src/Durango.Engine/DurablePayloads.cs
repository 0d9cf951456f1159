using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Durango.Engine;

/// <summary>
/// How the engine's Durable payloads (orchestration and activity inputs and outputs, events, custom status) are
/// written, the same in both hosts: the embedded host's converter is <see cref="Converter"/>, and the Functions app's
/// worker serializer (which the Durable extension turns into its converter) uses <see cref="Options"/>.
/// </summary>
/// <remarks>
/// As the SDK's default converter, with fields included, except that a property that is null is left out: every
/// payload type reads a missing property back as null (<c>DurablePayloadsTests</c> checks each type reachable from the
/// engine's tasks), so payloads written before, with their nulls, read back the same. A leaf's input is about 40% shorter
/// (issue 12: 1,641 characters against 2,715 in a chain of steps, read in 214 µs against 288 µs between two steps,
/// medians of 5 runs of 400 steps each).
/// </remarks>
public static class DurablePayloads
{
    /// <summary>The serializer options of every Durable payload.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The Durable converter over <see cref="Options"/>.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { IncludeFields = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
