namespace Durango.Engine.Stores;

/// <summary>
/// Output values too large to carry through orchestration history (results, output parameters): the history holds
/// a reference (<see cref="Semantics.OutputReferences"/>), the bytes live here.
/// </summary>
public interface IOutputStore
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (<c>{nodeId}/{name}</c>) of <paramref name="workflow"/>; idempotent.</summary>
    Task PutAsync(string workflow, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>The value stored under <paramref name="key"/>, or null when there is none.</summary>
    Task<string?> GetAsync(string workflow, string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every value of <paramref name="workflow"/>.</summary>
    Task DeleteAsync(string workflow, CancellationToken cancellationToken = default);
}
