using System.Text;
using System.Text.Json;
using Durango.Core.Diagnostics;

namespace Durango.Api.Http;

/// <summary>
/// An argo-server request object: <c>{"namespace": ..., "workflow": {...}, "serverDryRun": ...}</c>. The embedded
/// object (<c>workflow</c>, <c>template</c>) is handed to the loader as text in which everything around it is blanked
/// out, line breaks kept, so that the loader's diagnostics point at the line and column of the request body.
/// </summary>
/// <param name="Fields">The request's other fields.</param>
/// <param name="ObjectText">The embedded object, at its place in the body; null when the request has none.</param>
public sealed record JsonEnvelope(JsonElement Fields, string? ObjectText)
{
    /// <summary>How deep a request's JSON may nest: far beyond any workflow, far below a stack's limit.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>The string field <paramref name="name"/>, or null.</summary>
    public string? String(string name) =>
        Fields.ValueKind == JsonValueKind.Object && Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The boolean field <paramref name="name"/> (false when absent).</summary>
    public bool Bool(string name) =>
        Fields.ValueKind == JsonValueKind.Object && Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The object field <paramref name="name"/>, or null.</summary>
    public JsonElement? Object(string name) =>
        Fields.ValueKind == JsonValueKind.Object && Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>The string array field <paramref name="name"/> (empty when absent).</summary>
    public IReadOnlyList<string> Strings(string name) =>
        Fields.ValueKind == JsonValueKind.Object && Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];

    /// <summary>
    /// Reads <paramref name="text"/> as a request object whose embedded object is field <paramref name="objectField"/>.
    /// Malformed JSON, a key given twice, or nesting deeper than <see cref="MaxDepth"/> is a diagnostic at its place.
    /// </summary>
    /// <remarks>An embedded object without <c>kind</c> gets <paramref name="defaultKind"/>, as argo-server assumes it.</remarks>
    public static (JsonEnvelope? Envelope, Diagnostic? Error) Read(string text, string? objectField, string file = "request", string? defaultKind = null)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip });
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (int Start, int End)? embedded = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, At(bytes, (int)reader.TokenStartIndex, "the request body must be a JSON object", file));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var at = (int)reader.TokenStartIndex;
                if (!seen.Add(name))
                {
                    return (null, At(bytes, at, $"key '{name}' is given twice; give each key once", file));
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (name == objectField)
                {
                    embedded = (start, (int)reader.BytesConsumed);
                }
            }

            using var document = JsonDocument.Parse(bytes, DocumentOptions);
            var objectText = embedded is { } range ? Blank(bytes, range.Start, range.End) : null;
            if (objectText is not null && defaultKind is not null && document.RootElement.GetProperty(objectField!) is { ValueKind: JsonValueKind.Object } inner
                && !inner.TryGetProperty("kind", out _))
            {
                // On the object's first line only, so every later line and column stays where the client wrote it.
                var brace = objectText.IndexOf('{', StringComparison.Ordinal);
                var kind = $"{{\"kind\":\"{defaultKind}\"" + (inner.EnumerateObject().Any() ? "," : string.Empty);
                objectText = string.Concat(objectText.AsSpan(0, brace), kind, objectText.AsSpan(brace + 1));
            }

            return (new JsonEnvelope(document.RootElement.Clone(), objectText), null);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return (null, new Diagnostic(Severity.Error, DiagnosticCodes.YamlSyntax, $"the request body is not valid JSON: {Reason(e)}", string.Empty, new SourceLocation(file, line, column)));
        }
    }

    /// <summary>The embedded object with everything before and after it blanked, line breaks kept.</summary>
    private static string Blank(byte[] bytes, int start, int end)
    {
        var copy = new byte[end];
        for (var i = 0; i < end; i++)
        {
            copy[i] = i >= start || bytes[i] == (byte)'\n' ? bytes[i] : (byte)' ';
        }

        return Encoding.UTF8.GetString(copy);
    }

    private static Diagnostic At(byte[] bytes, int offset, string message, string file)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Diagnostic(Severity.Error, DiagnosticCodes.YamlSyntax, message, string.Empty, new SourceLocation(file, line, offset - lineStart + 1));
    }

    /// <summary>The reader's reason without its own position suffix (the diagnostic carries the position).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.', '|');
    }
}
