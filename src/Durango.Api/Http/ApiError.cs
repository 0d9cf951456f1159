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
    [property: JsonPropertyName("details")] IReadOnlyList<DiagnosticView>? Details = null);
