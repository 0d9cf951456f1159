namespace Durango.Api.Http;

/// <summary>The JSON body of an action or submit request (<c>{"name", "namespace", ...}</c>); an empty body is an empty object.</summary>
internal static class ActionBody
{
    /// <summary>The request object, or the error to answer with.</summary>
    public static (JsonEnvelope? Envelope, ApiResult? Error) Read(ApiCall call)
    {
        var text = call.Body;

        var (envelope, syntax) = JsonEnvelope.Read(string.IsNullOrWhiteSpace(text) ? "{}" : text, objectField: null);
        if (syntax is not null)
        {
            return (null, ObjectBody.Invalid([syntax], "the request body is invalid"));
        }

        foreach (var field in new[] { "namespace", "name" })
        {
            var given = envelope!.String(field);
            var route = call.Route(field);
            if (!string.IsNullOrEmpty(given) && route.Length > 0 && given != route)
            {
                return (null, ApiResult.Fail(ArgoCode.InvalidArgument, $"the request's {field} '{given}' does not match '{route}' in the URL"));
            }
        }

        return (envelope, null);
    }
}
