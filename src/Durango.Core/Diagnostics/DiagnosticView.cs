using System.Text.Json.Serialization;

namespace Durango.Core.Diagnostics;

/// <summary>
/// The JSON shape of a diagnostic, shared by <c>durango lint --output json</c> and the HTTP API, where it is a
/// grpc-gateway error detail (a <c>google.protobuf.Any</c>) and so carries its <see cref="Type"/>.
/// </summary>
public sealed record DiagnosticView(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("column")] int? Column)
{
    /// <summary>The type URL of Durango's diagnostic as an error detail.</summary>
    public const string DetailTypeUrl = "type.googleapis.com/durango.v1.Diagnostic";

    /// <summary>The detail's <c>@type</c> when the view is an error detail (<see cref="AsDetail"/>); absent in lint's output.</summary>
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    /// <summary>The view of <paramref name="diagnostic"/>.</summary>
    public static DiagnosticView From(Diagnostic diagnostic) => new(
        diagnostic.Severity == Diagnostics.Severity.Error ? "error" : "warning",
        diagnostic.Code,
        diagnostic.Message,
        diagnostic.Path,
        diagnostic.Location?.File,
        diagnostic.Location?.Line,
        diagnostic.Location?.Column);

    /// <summary>The view of <paramref name="diagnostic"/> as an error detail, with its <c>@type</c>.</summary>
    public static DiagnosticView AsDetail(Diagnostic diagnostic) => From(diagnostic) with { Type = DetailTypeUrl };
}
