using Durango.Api.Workflows;
using Durango.Embedded;
using Durango.Engine.Model;
using Durango.Server.Cli;
using Durango.Server.Hosting;
using Durango.Testing;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Api;

/// <summary>One <c>durango serve</c> (real Kestrel on 127.0.0.1, a free port) for the API tests, with an HTTP client and the CLI.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    private ServeHost? _host;
    private string _root = string.Empty;

    public string BaseUrl { get; private set; } = string.Empty;

    public HttpClient Http { get; private set; } = new();

    public async Task InitializeAsync()
    {
        _root = Path.Combine("/var/tmp", "durango-serve-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Durango:WorkDirectory"] = Path.Combine(_root, "work"),
            ["Durango:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Durango:Api:MaxRequestBytes"] = "65536",
        }).Build();
        _host = await ServeHost.StartAsync(configuration, new EmbeddedBackendOptions(), "http://127.0.0.1:0", apiKey: null);
        BaseUrl = _host.Addresses[0];
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
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

[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "serve";
}
