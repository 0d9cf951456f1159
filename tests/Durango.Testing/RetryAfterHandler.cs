using System.Net;

namespace Durango.Testing;

/// <summary>
/// What a patient client does with a 503: the API answers one with <c>Retry-After</c> while its storage is slow or
/// briefly unreachable (the storage breaker), so this handler waits as told and sends again, for up to
/// <see cref="Patience"/>. Tests that talk to <c>durango serve</c> on a loaded machine use it so that a busy moment is
/// not a failure; any other answer passes through at once.
/// </summary>
public sealed class RetryAfterHandler() : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>How long to keep trying before the 503 is returned to the caller.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>An <see cref="HttpClient"/> on <paramref name="baseUrl"/> that retries 503s as told.</summary>
    public static HttpClient Client(string baseUrl, TimeSpan? timeout = null) =>
        new(new RetryAfterHandler()) { BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow >= deadline)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }
}
