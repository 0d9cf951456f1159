using System.Collections.Concurrent;

namespace Durango.Engine.Stores;

/// <summary>Large outputs in process memory, for the in-memory backend.</summary>
public sealed class InMemoryOutputStore : IOutputStore
{
    private readonly ConcurrentDictionary<(string Workflow, string Key), string> _values = new();

    /// <inheritdoc/>
    public Task PutAsync(string workflow, string key, string value, CancellationToken cancellationToken = default)
    {
        _values[(workflow, key)] = value;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> GetAsync(string workflow, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.GetValueOrDefault((workflow, key)));

    /// <inheritdoc/>
    public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default)
    {
        foreach (var key in _values.Keys.Where(k => k.Workflow == workflow))
        {
            _values.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }
}
