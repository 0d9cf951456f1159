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

    // Upstream server/artifacts/artifact_server.go GetArtifactFile: a file inside a directory artifact (archive: none),
    // the directory listed when asked for with a trailing slash, and redirected to that when asked for as a file.
    [Fact]
    public async Task ArtifactFiles_DirectoryArtifact_ServesFilesListsAndRedirects()
    {
        var workflows = _host!.Services.GetRequiredService<WorkflowService>();
        var submitted = await workflows.SubmitAsync(new SubmitRequest("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: artifact-files-}
            spec:
              entrypoint: main
              templates:
              - name: main
                container:
                  image: busybox
                  command: [sh, -c]
                  args: ["mkdir -p /tmp/site/css && echo hi > /tmp/site/a.txt && echo body > /tmp/site/css/s.css && echo '<x>' > '/tmp/site/<b>.txt'"]
                outputs:
                  artifacts: [{name: site, path: /tmp/site, archive: {none: {}}}]
            """, "f.yaml", []));
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(submitted.Name!, patience.Token);
        var view = (await workflows.GetAsync(submitted.Name!))!;
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var root = $"/artifact-files/{view.Metadata.Namespace}/workflows/{view.Metadata.Name}/{view.Metadata.Name}/outputs/site";

        using var file = await _http!.GetAsync(root + "/css/s.css");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("body\n", await file.Content.ReadAsStringAsync());

        using var listing = await _http.GetAsync(root + "/");
        var html = await listing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Contains("<a href=\"./a.txt\">a.txt</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"./css/\">css/</a>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;.txt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _http.BaseAddress };
        noRedirects.DefaultRequestHeaders.Add("Authorization", "Bearer k3y");
        using var directory = await noRedirects.GetAsync(root + "/css");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, directory.StatusCode);
        Assert.Equal(root + "/css/", directory.Headers.Location!.OriginalString);

        using var escape = await _http.GetAsync(root + "/..%2F..%2Fx");
        using var missing = await _http.GetAsync(root + "/nope.txt");
        Assert.NotEqual(HttpStatusCode.OK, escape.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
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
