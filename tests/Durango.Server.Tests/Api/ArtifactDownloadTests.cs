using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Engine.Model;
using Durango.Server.Hosting;
using Durango.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Server.Tests.Api;

/// <summary>
/// argo-server's artifact downloads on <c>durango serve</c> (upstream server/artifacts/artifact_server.go: by name,
/// by uid, inputs and outputs; <c>Content-Disposition: filename="KEY's base name"</c>), behind the API key.
/// </summary>
public sealed class ArtifactDownloadTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/var/tmp", "durango-tests", Guid.NewGuid().ToString("N"));
    private ServeHost? _host;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(_root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Durango:ArtifactDirectory"] = Path.Combine(_root, "artifacts"),
        }).Build();
        _host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: "k3y");
        _http = new HttpClient { BaseAddress = new Uri(_host.Addresses[0]) };
        _http.DefaultRequestHeaders.Add("Authorization", "Bearer k3y");
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _host!.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Download_OutputAndInputArtifacts_ByNameAndByUid_StreamTheStoredArchive()
    {
        var workflows = _host!.Services.GetRequiredService<WorkflowService>();
        var submitted = await workflows.SubmitAsync(new SubmitRequest(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "artifact-passing.yaml")), "a.yaml", []));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(submitted.Name!, patience.Token);
        var view = (await workflows.GetAsync(submitted.Name!))!;
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var generate = view.Status.Nodes.Values.Single(n => n.DisplayName == "generate-artifact");
        var consume = view.Status.Nodes.Values.Single(n => n.DisplayName == "consume-artifact");
        var (ns, name, uid) = (view.Metadata.Namespace, view.Metadata.Name, view.Metadata.Uid);

        foreach (var path in new[]
        {
            $"/artifacts/{ns}/{name}/{generate.Id}/hello-art", $"/input-artifacts/{ns}/{name}/{consume.Id}/message",
            $"/artifacts-by-uid/{uid}/{generate.Id}/hello-art", $"/input-artifacts-by-uid/{uid}/{consume.Id}/message",
        })
        {
            using var response = await _http!.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            // Upstream's header exactly: a file name without a disposition type.
            Assert.Equal("filename=\"hello-art.tgz\"", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
            Assert.Equal("hello world\n", await OnlyFileAsync(await response.Content.ReadAsStreamAsync()));
        }

        using var missing = await _http!.GetAsync($"/artifacts/{ns}/{name}/{generate.Id}/nope");
        using var anonymous = await new HttpClient { BaseAddress = _http.BaseAddress }.GetAsync($"/artifacts/{ns}/{name}/{generate.Id}/hello-art");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<string> OnlyFileAsync(Stream body)
    {
        await using var gzip = new GZipStream(body, CompressionMode.Decompress);
        var tar = new TarReader(gzip);
        var entry = await tar.GetNextEntryAsync();
        using var reader = new StreamReader(entry!.DataStream!);
        return await reader.ReadToEndAsync();
    }
}
