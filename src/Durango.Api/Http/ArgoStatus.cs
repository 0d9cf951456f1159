namespace Durango.Api.Http;

/// <summary>
/// The gRPC status codes argo-server answers with (its REST API is grpc-gateway's), each with the HTTP status
/// grpc-gateway maps it to. The argo CLI decodes <c>code</c> into a gRPC status; Hera reads the HTTP status.
/// </summary>
public enum ArgoCode
{
    /// <summary>Cancelled (499).</summary>
    Cancelled = 1,

    /// <summary>Unknown (500).</summary>
    Unknown = 2,

    /// <summary>InvalidArgument (400).</summary>
    InvalidArgument = 3,

    /// <summary>DeadlineExceeded (504).</summary>
    DeadlineExceeded = 4,

    /// <summary>NotFound (404).</summary>
    NotFound = 5,

    /// <summary>AlreadyExists (409).</summary>
    AlreadyExists = 6,

    /// <summary>PermissionDenied (403).</summary>
    PermissionDenied = 7,

    /// <summary>ResourceExhausted (429).</summary>
    ResourceExhausted = 8,

    /// <summary>FailedPrecondition (400).</summary>
    FailedPrecondition = 9,

    /// <summary>Aborted (409).</summary>
    Aborted = 10,

    /// <summary>Unimplemented (501).</summary>
    Unimplemented = 12,

    /// <summary>Internal (500).</summary>
    Internal = 13,

    /// <summary>Unavailable (503).</summary>
    Unavailable = 14,

    /// <summary>Unauthenticated (401).</summary>
    Unauthenticated = 16,
}

/// <summary>grpc-gateway's mapping from <see cref="ArgoCode"/> to an HTTP status.</summary>
public static class ArgoStatus
{
    /// <summary>The HTTP status of <paramref name="code"/>.</summary>
    public static int Http(ArgoCode code) => code switch
    {
        ArgoCode.Cancelled => 499,
        ArgoCode.InvalidArgument or ArgoCode.FailedPrecondition => 400,
        ArgoCode.DeadlineExceeded => 504,
        ArgoCode.NotFound => 404,
        ArgoCode.AlreadyExists or ArgoCode.Aborted => 409,
        ArgoCode.PermissionDenied => 403,
        ArgoCode.ResourceExhausted => 429,
        ArgoCode.Unimplemented => 501,
        ArgoCode.Unavailable => 503,
        ArgoCode.Unauthenticated => 401,
        _ => 500,
    };
}
