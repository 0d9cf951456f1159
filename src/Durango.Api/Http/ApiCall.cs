using Durango.Api.Lists;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Durango.Api.Http;

/// <summary>One request as an endpoint sees it: the ASP.NET Core request, its route values and its query.</summary>
public sealed class ApiCall(HttpContext http, RouteValueDictionary values, string body = "")
{
    /// <summary>The request body, read whole (within <see cref="ApiOptions.MaxRequestBytes"/>) before the handler ran.</summary>
    public string Body => body;

    /// <summary>The request.</summary>
    public HttpRequest Request => http.Request;

    /// <summary>Cancelled when the client goes away.</summary>
    public CancellationToken Aborted => http.RequestAborted;

    /// <summary>True when the client asked for server-sent events (what the argo CLI asks for on streams).</summary>
    public bool WantsEventStream => http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The route value <paramref name="name"/>.</summary>
    public string Route(string name) => values.TryGetValue(name, out var value) ? value?.ToString() ?? string.Empty : string.Empty;

    /// <summary>The first non-empty query value <paramref name="name"/>, or null.</summary>
    public string? Query(string name) =>
        http.Request.Query.TryGetValue(name, out var found) && found.Count > 0 && !string.IsNullOrEmpty(found[0]) ? found[0] : null;

    /// <summary>Every query value <paramref name="name"/>.</summary>
    public IEnumerable<string> Queries(string name) =>
        http.Request.Query.TryGetValue(name, out var found) ? found.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!) : [];

    /// <summary>The query value <paramref name="name"/> as a boolean (<c>true</c>, case-insensitive).</summary>
    public bool Flag(string name) => string.Equals(Query(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query value <paramref name="name"/> as a non-negative number; throws <see cref="FormatException"/> when it is not one.</summary>
    public long? Number(string name) => Query(name) is not { } text
        ? null
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a non-negative whole number, not '{text}'");

    /// <summary>The <c>fields</c> projection, if any.</summary>
    public FieldProjection? Fields => FieldProjection.Parse(Query("fields"));
}
