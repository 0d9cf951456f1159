using System.Text.Json.Serialization;
using Durango.Core.Diagnostics;

namespace Durango.Api.Http;

/// <summary>
/// The body of every error answer, grpc-gateway's <c>{code, message, details}</c>: <c>code</c> is the gRPC code number
/// the argo CLI decodes, <c>message</c> says what is wrong and what to do, and <c>details</c> carries Durango's
/// diagnostics (file, line, column, spec path) for invalid specs.
/// </summary>
/// <param name="Code">The gRPC code.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Details">For invalid specs: every diagnostic.</param>
public sealed record ApiError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details")] IReadOnlyList<DiagnosticDetail>? Details = null);

/// <summary>A diagnostic as a grpc-gateway error detail (a <c>google.protobuf.Any</c> with its <c>@type</c>).</summary>
public sealed record DiagnosticDetail(
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("line")] int? Line,
    [property: JsonPropertyName("column")] int? Column)
{
    /// <summary>The type URL of Durango's diagnostic detail.</summary>
    public const string TypeUrl = "type.googleapis.com/durango.v1.Diagnostic";

    /// <summary>Always <see cref="TypeUrl"/>.</summary>
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
#pragma warning disable CA1822 // serialized: it must be an instance property
    public string Type => TypeUrl;
#pragma warning restore CA1822

    /// <summary>The detail of <paramref name="diagnostic"/>.</summary>
    public static DiagnosticDetail From(Diagnostic diagnostic)
    {
        var view = DiagnosticView.From(diagnostic);
        return new(view.Severity, view.Code, view.Message, view.Path, view.File, view.Line, view.Column);
    }
}
