namespace Durango.Testing;

/// <summary>
/// One engine for a whole test assembly (xunit collection fixture), with the settings the tests use: secrets for
/// the secret tests. Workflows use <c>generateName</c>, so tests never collide.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    /// <summary>The value of secret <c>test-secret:token</c>; tests check it never shows.</summary>
    public const string SecretValue = "s3cr3t-Value-9f8e7d";

    private EngineHarness? _engine;

    /// <summary>The engine.</summary>
    public EngineHarness Engine => _engine ?? throw new InvalidOperationException("not started");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _engine = await EngineHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Secrets:test-secret:token"] = SecretValue,
        ["Secrets:test-secret:user"] = "durango",
    }).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }
    }
}
