namespace Durango.Testing;

/// <summary>One Azurite shared by a collection of tests (xunit fixture); each test works in task hubs of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>The running Azurite.</summary>
    public AzuriteServer Server => _server ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A task hub name no other test uses.</summary>
    public static string NewTaskHub(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
}
