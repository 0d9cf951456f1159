using System.Globalization;
using System.Text;
using System.Text.Json;
using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Executors;

/// <summary>
/// Argo's <c>http</c> template: one request with the template's method, URL, headers and body, bounded by
/// <c>timeoutSeconds</c> (30 by default, as Argo). The node succeeds when <c>successCondition</c> (expr-lang over
/// <c>response.statusCode</c>, <c>response.body</c>, <c>response.headers</c>) holds, or, without one, when the
/// status is below 400. The body is <c>outputs.result</c>.
/// </summary>
public sealed class HttpTemplateExecutor(IHttpClientFactory clients)
{
    /// <summary>The named client for HTTP templates.</summary>
    public const string ClientName = "durango-http";

    /// <summary>The named client for HTTP templates with <c>insecureSkipVerify</c>.</summary>
    public const string InsecureClientName = "durango-http-insecure";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends the request of <paramref name="http"/>; header secrets come in <paramref name="headers"/>, resolved.</summary>
    public async Task<LeafOutcome> RunAsync(HttpSpec http, IReadOnlyList<KeyValuePair<string, string>> headers, NodeLog log, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new LeafOutcome(NodePhase.Error, $"http.url '{http.Url}' is not an absolute http(s) URL");
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Method.ToUpperInvariant()), url);
        string? contentType = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (http.Body is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(http.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(http.TimeoutSeconds.Value) : DefaultTimeout);
        var client = clients.CreateClient(http.InsecureSkipVerify ? InsecureClientName : ClientName);
        await log.WriteLineAsync($"[durango] {request.Method} {url}", cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LeafOutcome(NodePhase.Failed, $"request to {url} timed out");
        }
        catch (HttpRequestException e)
        {
            return new LeafOutcome(NodePhase.Failed, $"request to {url} failed: {log.Redact(e.Message)}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            await log.WriteLineAsync($"[durango] {status} {response.ReasonPhrase}", cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync(text, cancellationToken).ConfigureAwait(false);
            var succeeded = http.SuccessCondition is { } condition
                ? Holds(condition, status, text, response)
                : status < 400;
            return succeeded
                ? new LeafOutcome(NodePhase.Succeeded, null, text)
                : new LeafOutcome(NodePhase.Failed, http.SuccessCondition is null
                    ? $"received non-2xx response code: {status}"
                    : $"successCondition '{http.SuccessCondition}' evaluated false (status {status})", text);
        }
    }

    private static bool Holds(string condition, int status, string body, HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["response.statusCode"] = status.ToString(CultureInfo.InvariantCulture),
            ["response.body"] = body,
            ["response.headers"] = JsonSerializer.Serialize(headers),
        };
        return NCalcExpressionEvaluator.Instance.Evaluate(condition, ExpressionDialect.Expr, variables).IsTrue;
    }
}
