using Durango.Core.Diagnostics;

namespace Durango.Api.Http;

/// <summary>
/// The body of a create or lint request: argo-server's request object (<c>{"namespace", "workflow": {...}}</c>,
/// <c>"template"</c>), the object itself as JSON, or — as a convenience for curl and the web view — a YAML document.
/// </summary>
/// <param name="Text">The object's text, at its place in the body (so diagnostics point at the body's lines).</param>
/// <param name="Envelope">The request object, when the body was one.</param>
internal sealed record ObjectBody(string Text, JsonEnvelope? Envelope)
{
    /// <summary>A dry run was asked for (<c>serverDryRun</c> or <c>createOptions.dryRun</c>).</summary>
    public bool DryRun => ServerDryRun || Envelope is { } e && e.Object("createOptions")?.TryGetProperty("dryRun", out var d) == true && d.ValueKind != System.Text.Json.JsonValueKind.Null;

    /// <summary>argo's <c>submit --server-dry-run</c> (<c>serverDryRun</c>): answered with the uid the workflow would have.</summary>
    public bool ServerDryRun => Envelope is { } e && e.Bool("serverDryRun");

    /// <summary>Reads the body of a request whose object is field <paramref name="field"/>; the error to answer otherwise.</summary>
    public static (ObjectBody? Body, ApiResult? Error) Read(ApiCall call, string field, string kind)
    {
        var text = call.Body;

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ApiResult.Fail(ArgoCode.InvalidArgument, $"the request body is empty; send {{\"{field}\": {{...}}}} or the YAML document"));
        }

        if (!text.TrimStart().StartsWith('{'))
        {
            return (new ObjectBody(text, null), null);
        }

        var (envelope, syntax) = JsonEnvelope.Read(text, field, defaultKind: kind);
        if (syntax is not null)
        {
            return (null, Invalid([syntax]));
        }

        if (envelope!.ObjectText is { } inner)
        {
            var @namespace = envelope.String("namespace");
            var route = call.Route("namespace");
            if (!string.IsNullOrEmpty(@namespace) && route.Length > 0 && @namespace != route)
            {
                return (null, ApiResult.Fail(ArgoCode.InvalidArgument, $"the request's namespace '{@namespace}' does not match the namespace '{route}' in the URL"));
            }

            return (new ObjectBody(inner, envelope), null);
        }

        if (envelope.String("kind") is not null || envelope.Object("spec") is not null)
        {
            return (new ObjectBody(text, null), null);
        }

        return (null, ApiResult.Fail(ArgoCode.InvalidArgument, $"the request has no '{field}': send {{\"namespace\": \"...\", \"{field}\": {{...}}}}"));
    }

    /// <summary>The 400 for an invalid spec: every diagnostic in <c>details</c>, the first in the message.</summary>
    public static ApiResult Invalid(IReadOnlyList<Diagnostic> diagnostics, string? summary = null)
    {
        var first = diagnostics.FirstOrDefault(d => d.IsError) ?? (diagnostics.Count > 0 ? diagnostics[0] : null);
        var message = summary ?? "the spec is invalid";
        if (first is not null)
        {
            message += $": {first}";
        }

        var more = diagnostics.Count(d => d.IsError) - 1;
        if (more > 0)
        {
            message += $" (and {more} more error(s), in details)";
        }

        return ApiResult.Fail(ArgoCode.InvalidArgument, message, diagnostics);
    }
}
