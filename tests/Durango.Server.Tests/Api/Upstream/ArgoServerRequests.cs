using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Durango.Testing;

namespace Durango.Server.Tests.Api.Upstream;

/// <summary>The requests the argo_server_test.go ports make, as upstream's httpexpect calls do: JSON in, JSON paths out.</summary>
internal static class ArgoServerRequests
{
    /// <summary>POSTs <paramref name="json"/>.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, string json) =>
        http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>PUTs <paramref name="json"/>.</summary>
    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string url, string json) =>
        http.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>GETs <paramref name="url"/>, asserts a 200 and returns its JSON.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The JSON body of <paramref name="response"/>.</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>Deletes every object the list URLs <paramref name="lists"/> answer (at <c>{list}/{name}</c>), as upstream's suite does before each test.</summary>
    public static async Task DeleteAllAsync(this HttpClient http, params string[] lists)
    {
        foreach (var list in lists)
        {
            foreach (var item in (await http.GetJsonAsync(list))["items"]?.AsArray() ?? [])
            {
                using var _ = await http.DeleteAsync($"{list}/{item!["metadata"]!["name"]}");
            }
        }
    }

    /// <summary>Reads an event stream as upstream's <c>stream</c> helper does: 200, <c>text/event-stream</c>, lines until <paramref name="done"/> says so; returns that line.</summary>
    public static async Task<string> StreamAsync(this HttpClient http, string url, Func<string, bool> done)
    {
        using var patience = new CancellationTokenSource(EngineHarness.Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(patience.Token));
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            if (line.Length > 0 && done(line))
            {
                return line;
            }
        }

        throw new Xunit.Sdk.XunitException($"{url}: the stream ended before the line the test waits for");
    }
}
