using System.Text.Json.Serialization;

namespace Durango.Core.Diagnostics;

/// <summary>The JSON shape of a diagnostic, shared by <c>durango lint --output json</c> and the HTTP API.</summary>
public sealed record DiagnosticView(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("column")] int? Column)
{
    /// <summary>The view of <paramref name="diagnostic"/>.</summary>
    public static DiagnosticView From(Diagnostic diagnostic) => new(
        diagnostic.Severity == Diagnostics.Severity.Error ? "error" : "warning",
        diagnostic.Code,
        diagnostic.Message,
        diagnostic.Path,
        diagnostic.Location?.File,
        diagnostic.Location?.Line,
        diagnostic.Location?.Column);
}
