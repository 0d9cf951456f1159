namespace Durango.Testing;

/// <summary>Waiting in tests for something another process or thread makes true, with a hang guard (not a timing check).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> after <see cref="EngineHarness.Patience"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, string? what = null) => HoldsAsync(() => Task.FromResult(condition()), what);

    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> after <see cref="EngineHarness.Patience"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string? what = null) =>
        await ValueAsync(async () => await condition().ConfigureAwait(false) ? true : (bool?)null, what).ConfigureAwait(false);

    /// <summary>Polls <paramref name="probe"/> until it returns a value, and returns it; a <see cref="TimeoutException"/> after <see cref="EngineHarness.Patience"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + EngineHarness.Patience;
        while (true)
        {
            if (await probe().ConfigureAwait(false) is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {EngineHarness.Patience} for {what ?? "a condition"}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
