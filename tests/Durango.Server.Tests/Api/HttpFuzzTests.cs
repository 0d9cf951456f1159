using System.Net;
using System.Text;
using System.Text.Json;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Server.Tests.Api;

/// <summary>
/// Hostile input over HTTP against a real <c>durango serve</c> process: mutants of the conformance corpus (fixed seed)
/// linted and dry-run created as YAML and as argo-server envelopes, and malformed query values on every kind of route.
/// The server must answer every request with a 2xx or a 4xx carrying argo's error body, and must still be alive at the end.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 90_210;
    private const int Mutants = 300;
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(30);

    private static readonly string[] HostileQueries =
    [
        "/api/v1/workflows/argo?listOptions.labelSelector=" + Uri.EscapeDataString("a in (b,"),
        "/api/v1/workflows/argo?listOptions.labelSelector=" + Uri.EscapeDataString(new string('!', 2000)),
        "/api/v1/workflows/argo?listOptions.fieldSelector=" + Uri.EscapeDataString("metadata.name=="),
        "/api/v1/workflows/argo?listOptions.limit=99999999999999999999",
        "/api/v1/workflows/argo?listOptions.continue=-5",
        "/api/v1/workflows/argo?fields=" + Uri.EscapeDataString(string.Join('.', Enumerable.Repeat("a", 200))),
        "/api/v1/workflows/argo?fields=" + Uri.EscapeDataString(new string(',', 1000)),
        "/api/v1/workflows/argo/abc%0A",
        "/api/v1/workflows/argo/" + new string('a', 3000),
        "/api/v1/workflows/argo/x/log?grep=" + Uri.EscapeDataString("(a+)+$"),
        "/api/v1/workflows/argo/x/log?logOptions.tailLines=abc",
        "/api/v1/workflow-templates/argo/%E2%80%8F",
        "/api/v1/cluster-workflow-templates/..%2F..%2Fetc",
    ];

    [Fact]
    public async Task Serve_MutatedCorpusAndHostileQueries_NoCrashNo5xxEveryAnswerArgoShaped()
    {
        await using var serve = await ServeProcess.StartAsync(["--config", WriteConfig()]);
        using var http = new HttpClient { BaseAddress = new Uri(serve.BaseUrl), Timeout = AnswerBound };
        var files = Directory.GetFiles(ConformanceCorpus.Directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var random = new Random(Seed);
        var mutator = new Mutator(random);
        var kinds = new int[Mutator.Kinds];
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Mutants; i++)
        {
            var mutant = mutator.Mutate(await File.ReadAllTextAsync(files[random.Next(files.Count)]), kinds);
            var request = (i % 3) switch
            {
                0 => Post("/api/v1/workflows/argo/lint", mutant, "application/yaml"),
                1 => Post("/api/v1/workflows/argo", Envelope(mutant), "application/json"),
                _ => Post("/api/v1/workflow-templates/argo/lint", mutant, "application/yaml"),
            };
            await AnswerAsync(http, request, statuses, $"mutant {i}");
        }

        foreach (var path in HostileQueries)
        {
            await AnswerAsync(http, new HttpRequestMessage(HttpMethod.Get, path), statuses, path);
        }

        // Refused by Kestrel before Durango sees them (a NUL in the path, a request line over 8 KB): a bare 4xx.
        foreach (var path in new[] { "/api/v1/workflows/%00/x", "/api/v1/workflows/argo?fields=" + new string('a', 10_000) })
        {
            using var refused = await http.GetAsync(path);
            Assert.InRange((int)refused.StatusCode, 400, 499);
        }

        output.WriteLine($"{Mutants} mutants and {HostileQueries.Length} hostile queries; answers by status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/info")).StatusCode);
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
    }

    private static async Task AnswerAsync(HttpClient http, HttpRequestMessage request, Dictionary<int, int> statuses, string what)
    {
        what = what.Length > 120 ? what[..120] + "..." : what;
        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{what}: {status} {body}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // never a stack trace
        if (status >= 400)
        {
            Assert.False(string.IsNullOrEmpty(body), $"{what}: {status} with no body");
            using var error = JsonDocument.Parse(body);
            Assert.True(error.RootElement.GetProperty("code").GetInt32() > 0, $"{what}: {body}");
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("message").GetString()), $"{what}: {body}");
        }
    }

    /// <summary>The mutant as argo-server's create request with a dry run: its JSON when it still reads as YAML, else the text.</summary>
    private static string Envelope(string mutant)
    {
        System.Text.Json.Nodes.JsonNode? workflow;
        try
        {
            workflow = Core.Loading.YamlJson.Convert(mutant, 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            workflow = null;
        }

        return new System.Text.Json.Nodes.JsonObject { ["namespace"] = "argo", ["workflow"] = workflow ?? mutant, ["serverDryRun"] = true }.ToJsonString();
    }

    private static HttpRequestMessage Post(string path, string body, string type) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, type) };

    private static string WriteConfig()
    {
        var file = Path.Combine(Path.GetTempPath(), $"durango-fuzz-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"Durango": {"Api": {"MaxRequestBytes": 262144}}}""");
        return file;
    }
}
