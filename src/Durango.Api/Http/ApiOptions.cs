namespace Durango.Api.Http;

/// <summary>Settings of the HTTP API, bound from configuration section <c>Durango:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Durango:Api";

    /// <summary>The largest request body accepted; larger ones get a 413. 1 MiB by default.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// A key every API request must carry: <c>Authorization: Bearer KEY</c> (what <c>ARGO_TOKEN</c> and Hera send),
    /// <c>x-api-key</c> or <c>x-functions-key</c>. Unset: no key is asked for.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// In Azure behind App Service authentication (Entra ID): trust the identity the platform puts in
    /// <c>X-MS-CLIENT-PRINCIPAL-ID</c> (the platform validates the Bearer token and strips that header from clients).
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    /// <summary>The namespace of requests and documents that name none: <c>argo</c>, as argo-server's default.</summary>
    public string Namespace { get; set; } = "argo";

    /// <summary>
    /// How long a request may wait for storage before it is answered 503 (Unavailable, <c>Retry-After</c>); streams
    /// (watch, logs) are not bounded by it. 4 s by default.
    /// </summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The links <c>/api/v1/info</c> gives the UI, as argo's <c>links</c> setting.</summary>
    public List<ApiLink> Links { get; set; } = [];

    /// <summary>How often a watch (<c>workflow-events</c>) looks at the durable state for changes.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a watch with nothing to say sends a heartbeat, so proxies keep the stream open.</summary>
    public TimeSpan WatchHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
