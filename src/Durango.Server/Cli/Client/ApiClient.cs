using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Durango.Api.Http;
using Durango.Api.Workflows;

namespace Durango.Server.Cli.Client;

/// <summary>An answer the server refused, with its <c>{code, message, diagnostics}</c>.</summary>
internal sealed class ApiException(HttpStatusCode status, ApiError error) : Exception(error.Message)
{
    public HttpStatusCode Status { get; } = status;

    public ApiError Error { get; } = error;
}

/// <summary>
/// The CLI's client of the HTTP API: <c>durango serve</c> or a Functions app (<c>--key</c> sends the function key as
/// <c>x-functions-key</c>, which <c>durango serve --api-key</c> accepts too).
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>The server used when neither <c>--server</c> nor <c>DURANGO_SERVER</c> says otherwise.</summary>
    public const string DefaultServer = "http://127.0.0.1:2746";

    private readonly HttpClient _http;

    public ApiClient(string server, string? key)
    {
        _http = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (key is { Length: > 0 })
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", key);
        }
    }

    public static ApiClient From(CliArguments args) => new(
        args.Option("--server") ?? Environment.GetEnvironmentVariable("DURANGO_SERVER") ?? DefaultServer,
        args.Option("--key") ?? Environment.GetEnvironmentVariable("DURANGO_KEY"));

    public Task<SubmittedView> SubmitAsync(string text, IEnumerable<KeyValuePair<string, string>> parameters, string? generateName) =>
        SendAsync<SubmittedView>(HttpMethod.Post, "api/workflows" + Query(parameters, ("generateName", generateName)), Yaml(text));

    public Task<WorkflowView> GetAsync(string name) => SendAsync<WorkflowView>(HttpMethod.Get, $"api/workflows/{Escape(name)}");

    public Task<WorkflowPage> ListAsync(string? phase, string? labels, string? prefix) =>
        SendAsync<WorkflowPage>(HttpMethod.Get, "api/workflows" + Query([], ("phase", phase), ("labels", labels), ("prefix", prefix), ("limit", "1000")));

    public Task<ControlView> ControlAsync(string name, string action) =>
        SendAsync<ControlView>(action == "delete" ? HttpMethod.Delete : HttpMethod.Post, action == "delete" ? $"api/workflows/{Escape(name)}" : $"api/workflows/{Escape(name)}/{action}");

    public Task<SubmittedView> ResubmitAsync(string name) => SendAsync<SubmittedView>(HttpMethod.Post, $"api/workflows/{Escape(name)}/resubmit");

    public Task<TemplateView> PutTemplateAsync(string segment, string text) => SendAsync<TemplateView>(HttpMethod.Post, $"api/{segment}", Yaml(text));

    public Task<TemplateList> ListTemplatesAsync(string segment) => SendAsync<TemplateList>(HttpMethod.Get, $"api/{segment}");

    public Task<ControlView> DeleteTemplateAsync(string segment, string name) => SendAsync<ControlView>(HttpMethod.Delete, $"api/{segment}/{Escape(name)}");

    /// <summary>Streams the log lines of a workflow (<c>node: text</c>) as they come.</summary>
    public async IAsyncEnumerable<string> LogsAsync(string name, string? node, bool follow)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/workflows/{Escape(name)}/log" + Query([], ("node", node), ("follow", follow ? "true" : null)));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await ThrowIfFailedAsync(response).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync().ConfigureAwait(false));
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await ThrowIfFailedAsync(response).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(WorkflowJson.Options).ConfigureAwait(false))!;
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        ApiError? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ApiError>(text, WorkflowJson.Options);
        }
        catch (JsonException)
        {
            // Not ours (a proxy, the Functions host): report the status and the text.
        }

        throw new ApiException(response.StatusCode, error ?? new ApiError(response.StatusCode.ToString(), $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}"));
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml"));

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters, params (string Name, string? Value)[] options)
    {
        var parts = parameters.Select(p => $"parameter={Escape($"{p.Key}={p.Value}")}")
            .Concat(options.Where(o => o.Value is not null).Select(o => $"{o.Name}={Escape(o.Value!)}"))
            .ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

/// <summary>A list of templates as the API answers it.</summary>
internal sealed record TemplateList(IReadOnlyList<TemplateView> Items);
