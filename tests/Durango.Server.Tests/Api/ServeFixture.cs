using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Engine.Model;
using Durango.Server.Cli;
using Durango.Server.Hosting;
using Durango.Testing;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Api;

/// <summary>
/// One <c>durango serve</c> (real Kestrel on 127.0.0.1, a free port) for the API tests, with an HTTP client and the CLI;
/// with a token (<see cref="TokenServeFixture"/>), the server needs it and the client sends it.
/// </summary>
public class ServeFixture : IAsyncLifetime
{
    private readonly string? _apiKey;
    private readonly IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    private ServeHost? _host;
    private string _root = string.Empty;

    public ServeFixture()
    {
    }

    /// <summary>A server that needs <paramref name="apiKey"/>, with more configuration <paramref name="settings"/>, and a client that sends the key.</summary>
    protected ServeFixture(string apiKey, IReadOnlyDictionary<string, string?> settings)
    {
        _apiKey = apiKey;
        _settings = settings;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public HttpClient Http { get; private set; } = new();

    /// <summary>The token the server needs, if any.</summary>
    public string? ApiKey => _apiKey;

    public async Task InitializeAsync()
    {
        _root = Path.Combine("/var/tmp", "durango-serve-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(_root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Durango:Api:MaxRequestBytes"] = "65536",
        }).AddInMemoryCollection(_settings).Build();
        _host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", _apiKey);
        BaseUrl = _host.Addresses[0];
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (_apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _apiKey);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    /// <summary>Runs the CLI against this server.</summary>
    public async Task<CliRun> DurangoAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--server", BaseUrl], stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Polls <c>GET /api/v1/workflows/argo/{name}</c> until <paramref name="condition"/> holds.</summary>
    public Task<WorkflowView> WaitAsync(string name, Func<WorkflowView, bool>? condition = null) =>
        WorkflowPolling.WaitAsync(Http, name, condition ?? (v => v.Status.Phase.IsFinished()));
}

/// <summary>
/// A <see cref="ServeFixture"/> whose server needs a token and has the first of the links upstream's e2e configuration
/// sets (manifests/quick-start/base/overlays/workflow-controller-configmap.yaml), as argo-server's e2e suite runs it.
/// </summary>
public sealed class TokenServeFixture() : ServeFixture("e2e-t0ken", new Dictionary<string, string?>
{
    ["Durango:Api:Links:0:Name"] = "Workflow Link",
    ["Durango:Api:Links:0:Scope"] = "workflow",
    ["Durango:Api:Links:0:Url"] = "http://logging-facility?namespace=${metadata.namespace}&workflowName=${metadata.name}&startedAt=${status.startedAt}&finishedAt=${status.finishedAt}",
});

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "serve";
}
