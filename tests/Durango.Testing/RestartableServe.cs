namespace Durango.Testing;

/// <summary>
/// One <c>durango serve</c> on a task hub of its own in Azurite, with a work folder of its own, that a durability test
/// kills with SIGKILL and starts again on the same port, task hub and storage. <see cref="Http"/> talks to whichever
/// process is current and retries a 503 as its <c>Retry-After</c> says.
/// </summary>
public sealed class RestartableServe : IAsyncDisposable
{
    private readonly AzuriteServer _azurite;
    private readonly string _hub;
    private ServeProcess _serve;

    private RestartableServe(AzuriteServer azurite, string hub, string root, ServeProcess serve)
    {
        _azurite = azurite;
        _hub = hub;
        Root = root;
        _serve = serve;
        Http = RetryAfterHandler.Client(serve.BaseUrl);
    }

    /// <summary>A folder for the test's own files (marks the steps write), deleted with the host.</summary>
    public string Root { get; }

    /// <summary>The current process.</summary>
    public ServeProcess Process => _serve;

    /// <summary>A client of the current process.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>Starts <c>durango serve</c> on a new task hub named from <paramref name="name"/>.</summary>
    public static async Task<RestartableServe> StartAsync(AzuriteServer azurite, string name)
    {
        var hub = AzuriteFixture.NewTaskHub(name);
        var root = Path.Combine("/var/tmp", $"durango-{name}-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new RestartableServe(azurite, hub, root, await StartProcessAsync(azurite, hub, root, port: null).ConfigureAwait(false));
    }

    /// <summary>Kills the current process (SIGKILL), as a crash would.</summary>
    public Task KillAsync() => _serve.KillAsync();

    /// <summary>Starts the host again, after <see cref="KillAsync"/> or not, on the same port, task hub and storage.</summary>
    public async Task RestartAsync()
    {
        await _serve.DisposeAsync().ConfigureAwait(false);
        _serve = await StartProcessAsync(_azurite, _hub, Root, _serve.Port).ConfigureAwait(false);
        Http.Dispose();
        Http = RetryAfterHandler.Client(_serve.BaseUrl);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _serve.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(Root, recursive: true);
    }

    private static Task<ServeProcess> StartProcessAsync(AzuriteServer azurite, string hub, string root, int? port) => ServeProcess.StartAsync(
        ["--storage", azurite.ConnectionString, "--task-hub", hub],
        new Dictionary<string, string> { ["Durango__WorkDirectory"] = Path.Combine(root, "work") },
        port);
}
