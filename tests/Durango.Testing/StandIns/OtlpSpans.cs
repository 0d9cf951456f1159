using System.Text;

namespace Durango.Testing.StandIns;

/// <summary>
/// Reads the spans of an OTLP <c>ExportTraceServiceRequest</c> from protobuf wire format: resource_spans (1) →
/// scope_spans (2) → spans (2); a span's trace_id (1), span_id (2), parent_span_id (4), name (5), attributes (9),
/// events (11), links (13), status (15).
/// </summary>
internal static class OtlpSpans
{
    public static IEnumerable<CollectedSpan> Read(byte[] request) =>
        Fields(request).Where(f => f.Number == 1).SelectMany(r => Fields(r.Bytes).Where(f => f.Number == 2))
            .SelectMany(s => Fields(s.Bytes).Where(f => f.Number == 2)).Select(f => Span(f.Bytes)).ToList();

    private static CollectedSpan Span(byte[] span)
    {
        string traceId = string.Empty, spanId = string.Empty, parent = string.Empty, name = string.Empty;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var events = new List<string>();
        int links = 0, status = 0;
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes); break;
                case 4: parent = Convert.ToHexStringLower(field.Bytes); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes); break;
                case 9:
                    var (key, value) = KeyValue(field.Bytes);
                    attributes[key] = value;
                    break;
                case 11: events.Add(Fields(field.Bytes).Where(f => f.Number == 2).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault() ?? string.Empty); break;
                case 13: links++; break;
                case 15: status = (int)(Fields(field.Bytes).FirstOrDefault(f => f.Number == 3).Value); break;
            }
        }

        return new CollectedSpan(name, traceId, spanId, parent, attributes, links, status, events);
    }

    private static (string Key, string Value) KeyValue(byte[] bytes)
    {
        string key = string.Empty, value = string.Empty;
        foreach (var field in Fields(bytes))
        {
            if (field.Number == 1)
            {
                key = Encoding.UTF8.GetString(field.Bytes);
            }
            else if (field.Number == 2)
            {
                // AnyValue: string_value (1) is what Durango's attributes are.
                value = Fields(field.Bytes).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault() ?? string.Empty;
            }
        }

        return (key, value);
    }

    private readonly record struct Field(int Number, ulong Value, byte[] Bytes);

    private static IEnumerable<Field> Fields(byte[] data)
    {
        var at = 0;
        while (at < data.Length)
        {
            var tag = Varint(data, ref at);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return new Field(number, Varint(data, ref at), []);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(data, ref at);
                    yield return new Field(number, 0, data[at..(at + length)]);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {tag & 7} at {at}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
