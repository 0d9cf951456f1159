namespace Durango.Api.Http;

/// <summary>Settings of the HTTP API, bound from configuration section <c>Durango:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Durango:Api";

    /// <summary>The largest request body accepted; larger ones get a 413. 1 MiB by default.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// For <c>durango serve</c>: a key every request must carry (header <c>x-api-key</c> or <c>x-functions-key</c>).
    /// The Functions app uses function keys instead.
    /// </summary>
    public string? ApiKey { get; set; }
}
