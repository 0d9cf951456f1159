using System.Collections.Concurrent;
using Durango.Core.Spec;

namespace Durango.Engine.Stores;

/// <summary>Templates in process memory, for the in-memory backend.</summary>
public sealed class InMemoryTemplateStore : ITemplateStore
{
    private readonly ConcurrentDictionary<(WorkflowKind, string), StoredTemplate> _templates = new();

    /// <inheritdoc/>
    public Task PutAsync(StoredTemplate template, CancellationToken cancellationToken = default)
    {
        _templates[(template.Document.Kind, template.Name)] = template;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredTemplate>> ListAsync(WorkflowKind kind, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredTemplate>>(_templates.Values.Where(t => t.Document.Kind == kind).OrderBy(t => t.Name, StringComparer.Ordinal).ToList());

    /// <inheritdoc/>
    public Task<StoredTemplate?> GetAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_templates.GetValueOrDefault((kind, name)));

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(WorkflowKind kind, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_templates.TryRemove((kind, name), out _));
}
